import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {routerSource} from '../../source/monitor/source.js';
import {configRouteStates} from '../../source/pcc/route-state.js';
import {initialState, reduce, type MonitorState} from '../../source/monitor/state.js';
import {MonitorStore} from '../../source/monitor/store.js';
import type {Snapshot} from '../../source/monitor/types.js';
import {discover} from '../../source/pcc/discover.js';
import {liveWans} from '../../source/pcc/live.js';
import {toProbe} from '../../source/pcc/netwatch.js';
import type {Row, RouterConfig} from '../../source/pcc/types.js';
import {Random} from '../../source/sim/engine/random.js';
import {App} from '../../source/ui/App.js';
import {onceDocument, renderReport} from '../../source/ui/report.js';
import {configFromFixture} from '../helpers/config-from-rsc.js';
import {recordingControls} from '../ui/fixtures.js';

/*
 * Reply data no real router sends, fed to everything that reads it: discovery, the
 * monitor's reducer (two snapshots, so rates and events run), the --once report and the
 * screen. Routers cannot be made to hold invalid classifiers or rows missing their fields
 * (RouterOS refuses them, and so does the sim), so these are built as rows.
 */

const fields = [
	'.id', 'chain', 'action', 'per-connection-classifier', 'new-connection-mark', 'new-routing-mark', 'connection-mark',
	'routing-mark', 'routing-table', 'jump-target', 'passthrough', 'connection-state', 'in-interface', 'out-interface',
	'in-interface-list', 'out-interface-list', 'src-address-list', 'dst-address-list', 'disabled', 'dynamic', 'active',
	'inactive', 'gateway', 'dst-address', 'distance', 'check-gateway', 'gateway-status', 'name', 'list', 'interface',
	'address', 'host', 'status', 'since', 'comment', 'table', 'src-address', 'action-extra', 'packets', 'bytes', 'fib',
	'running', 'type', 'down-script', 'up-script', 'x-unknown', '',
];
const values = [
	'prerouting', 'output', 'forward', 'postrouting', 'mark-connection', 'mark-routing', 'jump', 'accept', 'masquerade',
	'both-addresses-and-ports:2/0', 'both-addresses:3/1', 'src-address:0/0', 'both-addresses:2/5', 'dst-address:-1/x',
	'nonsense:4', ':/', '4/1', 'wan1_conn', 'wan2_conn', 'wan1', 'wan2', 'main', 'yes', 'no', 'true', 'false', '',
	'0.0.0.0/0', '203.0.113.1', '198.51.100.1%ether2', '10.0.0.1@wan1', '1', '255', '-3', 'NaN', '1e309',
	'18446744073709551615', '99999999999999999999999', 'ping', 'arp', 'up', 'down', 'unknown', 'ether1', 'bridge', 'WAN',
	'Ελληνικά — 日本語 ✓', '\u0000\u0007', 'a'.repeat(300), 'new,related', 'no-mark', '*1', '*FFFFFFFF',
];

type MutableRow = Record<string, string>;

function randomRow(random: Random): Row {
	const row: MutableRow = {};
	const count = random.int(12);
	for (let index = 0; index < count; index++) {
		const value = random.next() < 0.85 ? values[random.int(values.length)] : String.fromCharCode(...Array.from({length: random.int(20)}, () => random.int(0x3000)));
		row[fields[random.int(fields.length)]] = value;
	}
	return row;
}

function randomRows(random: Random, max: number): Row[] {
	return Array.from({length: random.int(max)}, () => randomRow(random));
}

/** A real configuration with some of its rows replaced, mutated or added at random. */
function mutate(base: RouterConfig, random: Random): RouterConfig {
	const config: RouterConfig = {...base};
	const tables = ['mangle', 'nat', 'routes', 'routingTables', 'routingRules', 'interfaces', 'interfaceLists', 'interfaceListMembers', 'addresses', 'addressLists', 'dhcpClients', 'pppoeClients', 'netwatch', 'hotspots', 'filter', 'scheduler', 'scripts'] as const;
	for (const table of tables) {
		const roll = random.next();
		if (roll < 0.15) config[table] = randomRows(random, 30);
		else if (roll < 0.6) {
			config[table] = config[table].map(row => {
				if (random.next() < 0.7) return row;
				const copy: MutableRow = {...row};
				const keys = Object.keys(copy);
				const key = keys[random.int(keys.length)] ?? fields[random.int(fields.length)];
				if (random.next() < 0.4) delete copy[key];
				else copy[key] = values[random.int(values.length)];
				return copy;
			});
			if (random.next() < 0.3) config[table] = [...config[table], ...randomRows(random, 5)];
		}
	}
	if (random.next() < 0.2) config.routeros = random.next() < 0.5 ? 6 : 7;
	return config;
}

function randomSnapshot(config: RouterConfig, random: Random, at: number): Snapshot {
	const topology = discover(config);
	const byMark: Record<string, number> = {};
	for (const mark of [...topology.wans.map(wan => wan.connectionMark), 'x', '']) byMark[mark] = random.next() < 0.1 ? -1 : random.int(5000);
	const count = () => BigInt(random.int(1_000_000)) * (random.next() < 0.05 ? 0n : 1n);
	return {
		router: {identity: config.identity, version: config.version, board: config.board, uptime: random.next() < 0.5 ? '1d2h' : '', cpuLoad: random.next() < 0.2 ? null : random.int(101)},
		mangle: config.mangle.map(row => ({id: row['.id'] ?? '', packets: count(), bytes: count(), shape: String(random.int(3))})),
		routes: configRouteStates(config),
		netwatch: config.netwatch.map(toProbe),
		interfaces: config.interfaces.map(row => ({name: row['name'] ?? '', rxBytes: count(), txBytes: count(), running: random.next() < 0.5})),
		counts: {total: random.int(10_000), unmarked: random.int(100), byMark},
		counting: {at: at - random.int(30_000), routerMs: random.int(5000), everyMs: 500 + random.int(30_000)},
		at,
		rttMs: random.int(500),
		pollMs: random.int(900),
		config,
		topology,
		configChanged: random.next() < 0.1,
	};
}

/** Discovery, two reducer steps and the --once report over one configuration. */
function readAll(config: RouterConfig, random: Random): {state: MonitorState; report: string} {
	let state = initialState({intervalMs: 1000});
	const first = randomSnapshot(config, random, 1_000_000);
	state = reduce(state, {type: 'snapshot', snapshot: first});
	state = reduce(state, {type: 'snapshot', snapshot: randomSnapshot(config, random, 1_002_000)});
	const {topology} = first;
	const wans = liveWans(topology.wans, first.routes, first.counts);
	const document = onceDocument({host: '192.0.2.1', identity: config.identity, version: config.version, board: config.board, uptime: '1d', topology, wans, counts: first.counts, counting: {routerMs: first.counting.routerMs, everyMs: first.counting.everyMs, intervalMs: 2000}});
	JSON.stringify(document);
	return {state, report: renderReport(document, {color: false})};
}

function renderScreen(state: MonitorState): string {
	const store = new MonitorStore(state);
	const view = render(createElement(App, {store, controls: recordingControls(store), color: false, size: {columns: 100, rows: 30}, now: () => (state.snapshot?.at ?? 0) + 1000}));
	try {
		return view.lastFrame() ?? '';
	} finally {
		view.unmount();
	}
}

describe('random reply data', () => {
	it('1,500 mutated real configurations and random counters: discovery, reducer and report never throw', async () => {
		const bases = await Promise.all(['v7-six-wan-mistakes.rsc', 'v6-four-wan-jump-recursive.rsc', 'v7-dhcp-pppoe-2to1.rsc'].map(name => configFromFixture(`exports/${name}`)));
		const seed = 7_2026;
		const random = new Random(seed);
		for (let index = 0; index < 1500; index++) {
			const config = mutate(bases[index % bases.length].config, random);
			try {
				const {report} = readAll(config, random);
				assert.ok(report.length > 0);
			} catch (error) {
				assert.fail(`case ${index} (seed ${seed}) threw: ${error instanceof Error ? error.stack : String(error)}`);
			}
		}
	});

	it('600 configurations of nothing but random rows: never throw', () => {
		const seed = 11_22;
		const random = new Random(seed);
		for (let index = 0; index < 600; index++) {
			const base: RouterConfig = {
				routeros: random.next() < 0.5 ? 6 : 7, version: values[random.int(values.length)], identity: values[random.int(values.length)], board: '',
				mangle: randomRows(random, 40), nat: randomRows(random, 5), routes: randomRows(random, 10), routingTables: randomRows(random, 4),
				routingRules: randomRows(random, 3), interfaces: randomRows(random, 6), interfaceLists: randomRows(random, 3),
				interfaceListMembers: randomRows(random, 6), addresses: randomRows(random, 4), addressLists: randomRows(random, 4),
				dhcpClients: randomRows(random, 2), pppoeClients: randomRows(random, 2), netwatch: randomRows(random, 3), hotspots: randomRows(random, 2),
				filter: randomRows(random, 4), scheduler: randomRows(random, 2), scripts: randomRows(random, 2),
			};
			assert.doesNotThrow(() => readAll(base, random), `case ${index} (seed ${seed})`);
		}
	});

	it('the screen renders 30 of them without throwing, and shows the header', async () => {
		const base = (await configFromFixture('exports/v7-six-wan-mistakes.rsc')).config;
		const random = new Random(99);
		for (let index = 0; index < 30; index++) {
			const {state} = readAll(mutate(base, random), random);
			assert.match(renderScreen(state), /pccmon/, `case ${index}`);
		}
	});
});

describe('odd but possible rows', () => {
	it('invalid classifier values, missing and unknown fields: discovered as far as they go, shown, reported', async () => {
		const {config} = await configFromFixture('exports/v7-two-wan-clean.rsc');
		const odd: RouterConfig = {
			...config,
			mangle: config.mangle.map((row, index) => {
				const copy: MutableRow = {...row, 'x-vendor-field': 'whatever'};
				if (row['per-connection-classifier'] && index % 2 === 0) copy['per-connection-classifier'] = 'both-addresses:0/7';
				if (index === 0) delete copy['chain'];
				return copy;
			}),
			routes: config.routes.map(({distance: _distance, ...row}) => row),
		};
		const {state, report} = readAll(odd, new Random(5));
		assert.ok(report.length > 0);
		const screen = renderScreen(state);
		assert.match(screen, /pccmon/);
		assert.doesNotMatch(screen, /TypeError|undefined|NaN/);
	});

	it('the monitor source reads rows with fields missing', async () => {
		const rows: Row[] = [{}];
		const api = {
			host: 'h', user: 'u', print: async () => rows, count: async () => 0, add: async () => '', set: async () => undefined,
			remove: async () => undefined, move: async () => undefined, run: async () => rows, close: async () => undefined,
		};
		const read = await routerSource(() => api).readTick({routeros: 7, marks: ['a'], interfaces: ['ether1']});
		assert.equal(read.router.cpuLoad, null);
		assert.deepEqual(read.mangle.map(rule => rule.packets), [0n]);
	});
});
