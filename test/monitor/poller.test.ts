import {test} from 'node:test';
import assert from 'node:assert/strict';
import {discover} from '../../source/pcc/discover.js';
import {Poller} from '../../source/monitor/poller.js';
import {routerSource} from '../../source/monitor/source.js';
import {initialState, type MonitorState} from '../../source/monitor/state.js';
import {MonitorStore} from '../../source/monitor/store.js';
import type {MonitorSource, TickRead} from '../../source/monitor/types.js';
import {connectRouter} from '../../source/routeros/client.js';
import {startSim} from '../../source/sim/index.js';
import {failoverTimes} from '../../source/sim/scenarios/index.js';
import {config, snapshot, tick} from './fixtures.js';

/** Resolves with the state once `ok` holds for it, after at most `count` store changes. */
function stateWhere(store: MonitorStore, ok: (state: MonitorState) => boolean, count = 50): Promise<MonitorState> {
	return new Promise((resolve, reject) => {
		if (ok(store.getState())) return resolve(store.getState());
		let seen = 0;
		const unsubscribe = store.subscribe(() => {
			const state = store.getState();
			if (ok(state)) {
				unsubscribe();
				resolve(state);
			} else if (++seen >= count) {
				unsubscribe();
				reject(new Error(`state never got there; last error: ${state.lastError?.message ?? 'none'}`));
			}
		});
	});
}

test('against the simulated failover router: WANs, counts and rates, then wan2 going down as events', async t => {
	const sim = await startSim({scenario: 'failover', clock: 'manual', seed: 7});
	t.after(() => sim.close());
	const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
	t.after(() => api.close());
	const store = new MonitorStore(initialState({intervalMs: 60_000}));
	const poller = new Poller({source: routerSource(() => api), store, discover});
	t.after(() => poller.stop());
	poller.start();

	const first = await stateWhere(store, state => state.snapshot !== null);
	assert.deepEqual(first.wans.map(wan => [wan.name, wan.buckets, wan.state]), [['wan1', '0/2', 'up'], ['wan2', '1/2', 'up']]);
	assert.equal(first.snapshot!.router.identity, 'pcc-failover');
	assert.ok(first.mangle.some(rule => rule.classifier.endsWith(':2/1')), 'the PCC rules are in the mangle view');

	sim.step(5000);
	poller.refresh();
	const second = await stateWhere(store, state => state.snapshot !== first.snapshot);
	assert.ok(second.wans.every(wan => wan.newPerSecond !== null && wan.newPerSecond >= 0), 'rates once two polls are in');
	assert.ok(second.wans.some(wan => (wan.rxBps ?? 0) > 0), 'throughput from interface counters');

	// Past the scenario's first failure, and long enough for check-gateway to notice.
	sim.step(failoverTimes.firstDown + 20_000);
	poller.refresh();
	const down = await stateWhere(store, state => state.wans[1]?.state === 'down');
	assert.equal(down.wans[1].routeActive, false);
	const texts = down.events.map(event => event.text);
	assert.ok(texts.some(text => /^wan2 DOWN: no active default route/.test(text)), texts.join('\n'));
	assert.ok(texts.some(text => /^route wan2 0\.0\.0\.0\/0 via 198\.51\.100\.1 inactive$/.test(text)), texts.join('\n'));
	assert.ok(texts.some(text => text === 'netwatch 198.51.100.1 down'), texts.join('\n'));
});

test('a WAN whose PCC rules are disabled (drained for maintenance) stays on screen at 0% with its connections', async t => {
	const sim = await startSim({scenario: 'two-wan', clock: 'manual', seed: 7});
	t.after(() => sim.close());
	const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
	t.after(() => api.close());
	const mangle = await api.print('/ip/firewall/mangle');
	const wan2Rule = mangle.find(row => row['new-connection-mark'] === 'wan2_conn' && row['per-connection-classifier']);
	assert.ok(wan2Rule);
	await api.set('/ip/firewall/mangle', wan2Rule['.id'], {disabled: 'yes'});
	const store = new MonitorStore(initialState({intervalMs: 60_000}));
	const poller = new Poller({source: routerSource(() => api), store, discover});
	t.after(() => poller.stop());
	poller.start();

	const state = await stateWhere(store, next => next.snapshot !== null);
	assert.deepEqual(state.wans.map(wan => [wan.name, wan.buckets, wan.share]), [['wan1', '0/2', 0.5], ['wan2', '–', 0]]);
	assert.ok(state.wans[1].connections > 0, 'its existing connections still count');
});

/** A source whose ticks wait until released, to see what the poller does meanwhile. */
function heldSource() {
	const releases: Array<() => void> = [];
	let calls = 0;
	let concurrent = 0;
	let maxConcurrent = 0;
	const source: MonitorSource = {
		readConfig: async () => config,
		readTick: () => {
			calls++;
			concurrent++;
			maxConcurrent = Math.max(maxConcurrent, concurrent);
			const t = tick({at: calls});
			const {at: _at, rttMs: _rtt, pollMs: _poll, config: _config, topology: _topology, configChanged: _changed, counts: _counts, counting: _counting, ...read} = snapshot(t);
			return new Promise<TickRead>(resolve => releases.push(() => {
				concurrent--;
				resolve(read);
			}));
		},
		readCounts: async () => snapshot(tick({at: calls})).counts,
	};
	return {source, releases, calls: () => calls, maxConcurrent: () => maxConcurrent};
}

/** Lets pending callbacks run until `ok` holds; fails after a bounded number of turns. */
async function until(ok: () => boolean, what: string): Promise<void> {
	for (let turn = 0; turn < 500 && !ok(); turn++) await new Promise(resolve => setImmediate(resolve));
	assert.ok(ok(), what);
}

test('polls never overlap: refreshes during a poll give one poll right after it', async () => {
	const held = heldSource();
	const store = new MonitorStore(initialState({intervalMs: 60_000}));
	const poller = new Poller({source: held.source, store, discover});
	poller.start();
	await until(() => held.releases.length === 1, 'the first poll started');
	poller.refresh();
	poller.refresh();
	poller.refresh();
	held.releases.shift()!();
	await until(() => held.releases.length === 1, 'one more poll started after the first');
	held.releases.shift()!();
	await until(() => store.getState().history.samples === 2, 'both polls applied');
	assert.equal(held.maxConcurrent(), 1);
	assert.equal(held.calls(), 2, 'three refreshes during one poll make one more poll, not three');
	await poller.stop();
});

test('while frozen nothing is polled; r takes exactly one step; unfreezing polls at once', async () => {
	const held = heldSource();
	const store = new MonitorStore(initialState({intervalMs: 60_000}));
	const poller = new Poller({source: held.source, store, discover});
	poller.setFrozen(true);
	poller.start();
	// start() schedules its first poll on a timer: let timers run once.
	await new Promise(resolve => setTimeout(resolve, 0));
	assert.equal(held.calls(), 0, 'frozen from the start: no poll');
	poller.refresh();
	await until(() => held.releases.length === 1, 'r started one poll');
	held.releases.shift()!();
	await until(() => store.getState().snapshot !== null, 'the step was applied');
	assert.equal(store.getState().frozen, true, 'still frozen after the step');
	poller.setFrozen(false);
	await until(() => held.releases.length === 1, 'unfreezing polled');
	assert.equal(held.calls(), 2);
	held.releases.shift()!();
	await poller.stop();
});

test('the interval never goes below half a second', () => {
	const store = new MonitorStore(initialState({intervalMs: 2000}));
	const poller = new Poller({source: heldSource().source, store, discover});
	poller.setIntervalMs(100);
	assert.equal(store.getState().intervalMs, 500);
});
