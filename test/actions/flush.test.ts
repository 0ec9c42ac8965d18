import {afterEach, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {countMarked, describeFlush, flushComplete, flushMark, hostOf, isStuck, workingAddresses, type FlushProgress} from '../../source/actions/flush.js';
import {discover} from '../../source/pcc/discover.js';
import {liveWans} from '../../source/pcc/live.js';
import {configRouteStates} from '../../source/pcc/route-state.js';
import {connectRouter} from '../../source/routeros/client.js';
import {readConfig} from '../../source/routeros/reads.js';
import {startSim} from '../../source/sim/index.js';
import {scenarioRouter, type ScenarioRouter} from './scenario-router.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(): Promise<ScenarioRouter> {
	const sim = await scenarioRouter('two-wan');
	cleanups.push(() => sim.close());
	return sim;
}

const marks = ['wan1_conn', 'wan2_conn', undefined];
const protocols = ['tcp', 'tcp', 'udp', 'icmp'] as const;

function fill(sim: ScenarioRouter, count: number): void {
	for (let index = 0; index < count; index++) {
		sim.conntrack.add({mark: marks[index % marks.length], protocol: protocols[index % protocols.length]});
	}
}

describe('flush against the sim', () => {
	it('empties one WAN\'s mark on a table of 100,000 connections while the others keep theirs', async () => {
		// The manual clock stands still, so nothing expires or arrives while the flush runs.
		const sim = await startSim({scenario: 'two-wan', clock: 'manual', seed: 3, connections: 100_000});
		cleanups.push(() => sim.close());
		const conntrack = sim.router.conntrack;
		assert.ok(conntrack.size >= 100_000, `table of ${conntrack.size}`);
		const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
		cleanups.push(() => api.close());
		const marked = conntrack.countByMark('wan2_conn');
		const before = await countMarked(api, 'wan2_conn');
		assert.equal(before.total, marked);
		assert.ok(marked > 30_000, `wan2 carries ${marked}`);
		assert.equal(before.tcp + before.udp + before.icmp + before.other, before.total);
		const keptWan1 = conntrack.countByMark('wan1_conn');
		const keptUnmarked = conntrack.countByMark(undefined);

		const progress: FlushProgress[] = [];
		const result = await flushMark(api, {mark: 'wan2_conn', onProgress: step => progress.push(step)});
		assert.deepEqual({removed: result.removed, alreadyGone: result.alreadyGone, remaining: result.remaining}, {removed: marked, alreadyGone: 0, remaining: 0});
		assert.ok(flushComplete(result));
		assert.equal(conntrack.countByMark('wan2_conn'), 0);
		assert.equal(conntrack.countByMark('wan1_conn'), keptWan1);
		assert.equal(conntrack.countByMark(undefined), keptUnmarked);
		assert.ok(progress.length > marked / 1000, 'progress after every batch of about 1,000');
		assert.equal(progress.at(-1)?.removed, marked);
		const count = new Intl.NumberFormat('en-US').format(marked);
		assert.equal(describeFlush(result, 'wan2'), `wan2: removed ${count} of ${count}`);
	});

	it('tolerates connections that close while it runs, counting them as already closed', async () => {
		const sim = await start();
		fill(sim, 3_000);
		const api = await sim.connect();
		const doomed = [...sim.conntrack.idsByMark('wan2_conn')].filter((_, index) => index % 7 === 3);
		let expired = false;
		const result = await flushMark(api, {
			mark: 'wan2_conn',
			batchSize: 100,
			parallel: 1,
			onProgress: () => {
				// Connections expire between the listing and the removal.
				if (expired) return;
				expired = true;
				for (const id of doomed) sim.conntrack.remove(id);
			},
		});
		assert.equal(result.alreadyGone, doomed.length);
		assert.equal(result.removed + result.alreadyGone, 1_000);
		assert.equal(result.remaining, 0);
		assert.match(describeFlush(result, 'wan2'), new RegExp(`^wan2: removed ${result.removed} of 1,000; ${doomed.length} had already closed$`));
	});

	it('stops when cancelled and says how far it got', async () => {
		const sim = await start();
		fill(sim, 30_000);
		const api = await sim.connect();
		const controller = new AbortController();
		const result = await flushMark(api, {
			mark: 'wan1_conn',
			parallel: 1,
			signal: controller.signal,
			onProgress: step => {
				if (step.removed >= 2_000) controller.abort();
			},
		});
		assert.equal(result.cancelled, true);
		assert.equal(flushComplete(result), false);
		assert.equal(result.removed, 2_000);
		assert.equal(result.remaining, 8_000);
		assert.match(describeFlush(result, 'wan1'), /removed 2,000 of 10,000; cancelled; 8,000 still carry the mark/);
	});

	it('a read-only account is refused by the router and nothing is removed', async () => {
		const sim = await start();
		fill(sim, 300);
		const monitor = await sim.connect('monitor');
		await assert.rejects(flushMark(monitor, {mark: 'wan2_conn'}), {kind: 'permission'});
		assert.equal(sim.conntrack.countByMark('wan2_conn'), 100);
	});
});

describe('the stuck scope', () => {
	it('keeps connections masqueraded to a working WAN and flushes the rest', () => {
		const addresses = [
			{interface: 'ether1', address: '203.0.113.2/24'},
			{interface: 'ether2', address: '198.51.100.2/24'},
			{interface: 'bridge', address: '192.168.88.1/24'},
		];
		const wans = [
			{name: 'wan1', interface: 'ether1', routeActive: true},
			{name: 'wan2', interface: 'ether2', routeActive: false},
		];
		const working = new Set(workingAddresses(addresses, wans, 'wan2'));
		assert.deepEqual([...working], ['203.0.113.2']);
		assert.equal(isStuck({'reply-dst-address': '198.51.100.2:40001'}, working), true);
		assert.equal(isStuck({'reply-dst-address': '203.0.113.2:40001'}, working), false);
		assert.equal(isStuck({'reply-dst-address': '192.168.88.10:40001'}, working), true);
		assert.equal(hostOf('[2001:db8::1]:443'), '2001:db8::1');
		assert.equal(hostOf('10.0.0.1'), '10.0.0.1');
	});
});

describe('the stuck scope on the failover scenario', () => {
	it('with wan2 down it removes the connections left by wan2 and keeps those that left by wan1', async () => {
		const sim = await startSim({scenario: 'failover', clock: 'manual', seed: 3, connections: 2_000, rate: 100});
		cleanups.push(() => sim.close());
		sim.step(42_000);
		const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
		cleanups.push(() => api.close());
		const config = await readConfig(api);
		const topology = discover(config);
		const routes = configRouteStates(config);
		const wans = liveWans(topology.wans, routes, {total: 0, unmarked: 0, byMark: {}});
		assert.deepEqual(wans.map(wan => [wan.name, wan.routeActive]), [['wan1', true], ['wan2', false]]);
		const working = workingAddresses(config.addresses, wans, 'wan2');
		assert.deepEqual(working, ['203.0.113.2']);

		const natted = (address: string) => [...sim.router.conntrack.values()]
			.filter(connection => connection.mark === 'wan2_conn' && connection.natAddress === address).length;
		const deadBefore = natted('198.51.100.2');
		const workingBefore = natted('203.0.113.2');
		assert.ok(deadBefore > 0 && workingBefore > 0, `both kinds present (${deadBefore} dead, ${workingBefore} working)`);

		const result = await flushMark(api, {mark: 'wan2_conn', scope: {kind: 'stuck', workingAddresses: working}});
		assert.equal(result.removed + result.alreadyGone, deadBefore);
		assert.equal(natted('198.51.100.2'), 0);
		assert.equal(natted('203.0.113.2'), workingBefore);
		assert.match(describeFlush(result, 'wan2'), new RegExp(`removed ${deadBefore} of ${deadBefore}; ${workingBefore} working ones keep the mark`));
	});
});

describe('a link that drops mid-flush', () => {
	it('stops without resending and reports how far it got', async () => {
		const sim = await scenarioRouter('two-wan');
		cleanups.push(() => sim.close());
		fill(sim, 30_000);
		const api = await sim.connect();
		let tripped = false;
		const result = await flushMark(api, {
			mark: 'wan1_conn',
			parallel: 1,
			onProgress: step => {
				if (step.removed >= 2_000 && !tripped) {
					tripped = true;
					void sim.server.faults.set({fatal: 'session terminated on request'});
				}
			},
		});
		assert.ok(result.interrupted, 'the drop is reported');
		assert.equal(result.remaining, null);
		assert.equal(flushComplete(result), false);
		assert.equal(result.removed, 2_000);
		assert.equal(sim.conntrack.countByMark('wan1_conn'), 8_000, 'nothing removed after the drop');
		assert.match(describeFlush(result, 'wan1'), /removed 2,000 of 10,000; the connection dropped/);
	});
});

describe('cancelling a flush', () => {
	it('sends nothing after the cancel and reports what the batches already sent removed', async () => {
		const sim = await scenarioRouter('two-wan');
		cleanups.push(() => sim.close());
		fill(sim, 30_000);
		const api = await sim.connect();
		const controller = new AbortController();
		let doneAtCancel = 0;
		const result = await flushMark(api, {
			mark: 'wan1_conn',
			signal: controller.signal,
			onProgress: step => {
				if (step.removed >= 2_000 && !controller.signal.aborted) {
					doneAtCancel = step.removed + step.alreadyGone;
					controller.abort();
				}
			},
		});
		assert.equal(result.cancelled, true);
		const sent = result.inFlightAtCancel;
		assert.ok(sent, 'the batches in flight are reported');
		assert.equal(sent.removed, result.removed - doneAtCancel, 'what went after the cancel is what was already sent');
		assert.ok(sent.removed <= sent.batches * 1000, `${sent.removed} from ${sent.batches} batches of 1,000`);
		assert.equal(sim.conntrack.countByMark('wan1_conn'), 10_000 - result.removed);
		assert.equal(result.remaining, 10_000 - result.removed);
	});
});
