import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {startScenarioServer} from '../routeros/helpers.js';
import {runCli} from './helpers.js';

/*
 * `pccmon HOST --once [--json]` against each scenario's router: the report shows the set-up
 * the scenario was built with, and counts that match the router's own connection table.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Expected {
	routeros: 6 | 7;
	hash: string;
	denominator: number;
	/** name, connection mark, buckets, configured share */
	wans: Array<[string, string, number[], number]>;
}

/** What each scenario's description says it was built with. */
const scenarios: Record<string, Expected> = {
	'two-wan': {routeros: 7, hash: 'both-addresses-and-ports', denominator: 2, wans: [['wan1', 'wan1_conn', [0], 0.5], ['wan2', 'wan2_conn', [1], 0.5]]},
	'failover': {routeros: 7, hash: 'both-addresses-and-ports', denominator: 2, wans: [['wan1', 'wan1_conn', [0], 0.5], ['wan2', 'wan2_conn', [1], 0.5]]},
	'three-wan-weighted': {
		routeros: 7, hash: 'both-addresses-and-ports', denominator: 10,
		wans: [['wan1', 'wan1_conn', [0, 1, 2, 3, 4], 0.5], ['wan2', 'wan2_conn', [5, 6, 7], 0.3], ['wan3', 'wan3_conn', [8, 9], 0.2]],
	},
	'pppoe-2to1': {routeros: 7, hash: 'both-addresses-and-ports', denominator: 3, wans: [['isp1', 'isp1_conn', [0, 1], 0.6667], ['isp2', 'isp2_conn', [2], 0.3333]]},
	'routeros6': {routeros: 6, hash: 'both-addresses', denominator: 2, wans: [['to_WAN1', 'WAN1_conn', [0], 0.5], ['to_WAN2', 'WAN2_conn', [1], 0.5]]},
};

const documentKeys = ['connections', 'counting', 'pcc', 'reason', 'router', 'routeros', 'status'];
const wanKeys = [
	'actualShare', 'checkGateway', 'connectionMark', 'connections', 'gateways', 'interface', 'name', 'netwatch',
	'otherConnectionMarks', 'remainders', 'routeActive', 'routingMark', 'share', 'state',
];

describe('pccmon HOST --once --json on every scenario', () => {
	for (const [name, expected] of Object.entries(scenarios)) {
		it(`${name}: the topology it was built with, and live counts matching the router's`, async () => {
			const sim = await startScenarioServer(name);
			cleanups.push(() => sim.server.close());
			const marks = [...expected.wans.map(([, mark]) => mark), undefined];
			for (let index = 0; index < 37; index++) sim.conntrack.add({mark: marks[index % marks.length]});

			const result = await runCli([`127.0.0.1:${sim.port}`, '--once', '--json']);
			assert.equal(result.stderr, '');
			const document = JSON.parse(result.stdout);
			assert.deepEqual(Object.keys(document).sort(), documentKeys);
			assert.equal(document.routeros, expected.routeros);
			assert.equal(document.pcc.hash, expected.hash);
			assert.equal(document.pcc.denominator, expected.denominator);
			assert.deepEqual(
				document.pcc.wans.map((wan: {name: string; connectionMark: string; remainders: number[]; share: number}) =>
					[wan.name, wan.connectionMark, wan.remainders, wan.share]),
				expected.wans,
			);
			for (const wan of document.pcc.wans) {
				assert.deepEqual(Object.keys(wan).sort(), wanKeys);
				assert.equal(wan.connections, sim.conntrack.countByMark(wan.connectionMark));
				assert.equal(wan.state, wan.routeActive ? 'up' : 'down');
			}
			assert.equal(document.connections.total, 37);
			assert.equal(document.connections.unmarked, sim.conntrack.countByMark(undefined));
			const anyDown = document.pcc.wans.some((wan: {state: string}) => wan.state === 'down');
			assert.equal(document.status, anyDown ? 'degraded' : 'ok');
			assert.equal(result.code, anyDown ? 1 : 0);
		});
	}

	it('misconfigured: names the unassigned bucket with its fix', async () => {
		const sim = await startScenarioServer('misconfigured');
		cleanups.push(() => sim.server.close());
		const result = await runCli([`127.0.0.1:${sim.port}`, '--once', '--json']);
		const problems: Array<{code: string; subject: string; severity: string; message: string}> = JSON.parse(result.stdout).pcc.problems;
		const unassigned = problems.find(problem => problem.code === 'unassigned-bucket');
		assert.equal(unassigned?.subject, '3/2');
		assert.equal(unassigned?.severity, 'error', 'a bucket nothing marks is an error an alert can tell from a warning');
		assert.deepEqual(Object.keys(unassigned ?? {}).sort(), ['code', 'message', 'severity', 'subject']);
		const text = await runCli([`127.0.0.1:${sim.port}`, '--once']);
		const errors = problems.filter(problem => problem.severity === 'error').length;
		assert.match(text.stdout, new RegExp(`^Problems \\(${errors} errors?, ${problems.length - errors} warnings?\\)$`, 'm'));
		assert.match(text.stdout, /^ {2}error {4}unassigned-bucket:3\/2 {2}no enabled rule marks bucket 3\/2/m);
	});
});

describe('pccmon HOST --once (text)', () => {
	it('shows the router, each WAN with buckets, shares, connections, gateway and route state, and the status', async () => {
		const sim = await startScenarioServer('three-wan-weighted');
		cleanups.push(() => sim.server.close());
		for (let index = 0; index < 10; index++) sim.conntrack.add({mark: index < 6 ? 'wan1_conn' : 'wan2_conn'});
		const before = Date.now();
		const result = await runCli([`127.0.0.1:${sim.port}`, '--once'], {TZ: 'Asia/Kolkata'});
		assert.equal(result.stderr, '');
		assert.match(result.stdout, /^Router {2}\S+ \(.*RouterOS 7\.18\.2.*\) at 127\.0\.0\.1/);
		// When the router was read, with its date and zone: a report is read later, elsewhere.
		const time = /^Time {4}(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \+05:30$/m.exec(result.stdout);
		assert.ok(time, result.stdout);
		const read = Date.parse(`${time[1].replace(' ', 'T')}+05:30`);
		assert.ok(read >= Math.floor(before / 1000) * 1000 && read <= Date.now(), `${time[1]} is the moment of the read, in Kolkata`);
		assert.match(result.stdout, /PCC {5}both-addresses-and-ports, 10 buckets/);
		assert.match(result.stdout, /WAN wan1 {2}(up|DOWN) {2}buckets 0,1,2,3,4 {2}share 50\.0% configured, 60\.0% actual {2}6 connections/);
		assert.match(result.stdout, /WAN wan2 {2}(up|DOWN) {2}buckets 5,6,7 {2}share 30\.0% configured, 40\.0% actual {2}4 connections/);
		assert.match(result.stdout, /WAN wan3 .* 0 connections/);
		assert.match(result.stdout, /gateway {3}\S+ via ether\d \(check-gateway \w+\), route (active|inactive)/);
		assert.match(result.stdout, /Connections {2}10 total, 0 unmarked/);
		assert.match(result.stdout, /Status {2}(ok|degraded)/);
		assert.doesNotMatch(result.stdout, /\u001B\[/, 'no colour codes when not on a terminal');
	});
});
