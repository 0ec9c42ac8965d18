import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {connectRouter} from '../../source/routeros/client.js';
import {startSim, type SimHandle} from '../../source/sim/index.js';
import {scenarioNames} from '../../source/sim/scenarios/index.js';
import {pollsPerCount} from '../../source/monitor/counting.js';
import {runCli} from './helpers.js';

/*
 * `--once` against the full simulator (engine, traffic, check-gateway), on a manual clock so
 * the connection table holds still while pccmon counts it: the counts must be the sim's own.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sim(scenario: string): Promise<SimHandle> {
	const handle = await startSim({scenario, clock: 'manual', seed: 1});
	cleanups.push(() => handle.close());
	return handle;
}

describe('pccmon HOST --once against every scenario, engine running', () => {
	for (const name of scenarioNames) {
		it(`${name}: connection counts equal the simulator's connection table`, async () => {
			const handle = await sim(name);
			const result = await runCli([`127.0.0.1:${handle.port}`, '--once', '--json']);
			assert.equal(result.stderr, '');
			const document = JSON.parse(result.stdout);
			const {conntrack} = handle.router;
			assert.ok(document.pcc.wans.length >= 2);
			assert.equal(document.connections.total, conntrack.size);
			assert.equal(document.connections.unmarked, conntrack.countByMark(undefined));
			for (const [mark, count] of Object.entries(document.connections.byMark)) assert.equal(count, conntrack.countByMark(mark), mark);
			const anyDown = document.pcc.wans.some((wan: {state: string}) => wan.state === 'down');
			assert.equal(result.code, anyDown ? 1 : 0);
		});
	}

	it('failover: exit 0 while both WANs are up, 1 once wan2\'s gateway has died and check-gateway noticed', async () => {
		const handle = await sim('failover');
		const before = await runCli([`127.0.0.1:${handle.port}`, '--once']);
		assert.equal(before.code, 0, before.stdout);
		assert.match(before.stdout, /Status {2}ok: every WAN is up/);
		handle.step(45_000);
		const after = await runCli([`127.0.0.1:${handle.port}`, '--once']);
		assert.equal(after.code, 1, after.stdout);
		assert.match(after.stdout, /WAN wan2 {2}DOWN/);
		assert.match(after.stdout, /Status {2}degraded: wan2 is down/);
	});
});

describe('pccmon HOST --once on a WAN whose PCC rules are disabled', () => {
	it('lists the WAN as drained at 0%, with the connections it still carries', async () => {
		const handle = await sim('two-wan');
		const api = await connectRouter({host: '127.0.0.1', port: handle.port, user: 'admin', password: ''});
		cleanups.push(() => api.close());
		const rule = (await api.print('/ip/firewall/mangle')).find(row => row['new-connection-mark'] === 'wan2_conn' && row['per-connection-classifier']);
		await api.set('/ip/firewall/mangle', rule!['.id'], {disabled: 'yes'});
		const result = await runCli([`127.0.0.1:${handle.port}`, '--once']);
		assert.equal(result.code, 0, result.stdout);
		assert.match(result.stdout, /WAN wan2 {2}up {2}no buckets \(no new connections\) {2}share 0\.0% configured, [\d.]+% actual/);
		assert.match(result.stdout, /unassigned-bucket:2\/1/);
	});
});

describe('pccmon --demo --once', () => {
	it('reports the built-in simulated router and exits with the WANs\' state', async () => {
		const result = await runCli(['--demo', '--scenario', 'three-wan-weighted', '--once', '--json']);
		assert.equal(result.stderr, '');
		assert.equal(result.code, 0);
		const document = JSON.parse(result.stdout);
		assert.deepEqual(document.pcc.wans.map((wan: {name: string; share: number}) => [wan.name, wan.share]), [['wan1', 0.5], ['wan2', 0.3], ['wan3', 0.2]]);
		assert.ok(document.connections.total > 0);
	});

	it('acts the RouterOS version asked for', async () => {
		const result = await runCli(['--demo', '--scenario', 'routeros6', '--once', '--json']);
		assert.equal(JSON.parse(result.stdout).routeros, 6);
	});
});

describe('pccmon HOST --once --json on a router that pays for walking its table', () => {
	it('says what a count cost the router and how far apart the live screen would count', async () => {
		const handle = await startSim({scenario: 'two-wan', clock: 'manual', seed: 1, connections: 1000, rate: 0, scanRate: 5000});
		cleanups.push(() => handle.close());
		// total, unmarked, wan1_conn, wan2_conn: four walks of 1,000 rows at 5,000 a second.
		const result = await runCli([`127.0.0.1:${handle.port}`, '--once', '--json', '--interval', '1']);
		assert.equal(result.stderr, '');
		const {counting} = JSON.parse(result.stdout);
		const routerMs = (4 * handle.router.conntrack.size * 1000) / 5000;
		assert.ok(counting.routerMs >= routerMs - 5 && counting.routerMs < routerMs + 3000, JSON.stringify(counting));
		assert.equal(counting.intervalMs, 1000);
		assert.equal(counting.everyMs, pollsPerCount(1000, counting.routerMs) * 1000);
		assert.ok(counting.everyMs >= 8000, 'at least the 0.8 s of walks at 10 %');
	});
});
