import {test} from 'node:test';
import assert from 'node:assert/strict';
import {discover} from '../../source/pcc/discover.js';
import {countBudget, longestGapMs, pollsPerCount} from '../../source/monitor/counting.js';
import {Poller} from '../../source/monitor/poller.js';
import {routerSource} from '../../source/monitor/source.js';
import {initialState, type MonitorState} from '../../source/monitor/state.js';
import {MonitorStore} from '../../source/monitor/store.js';
import type {MonitorSource} from '../../source/monitor/types.js';
import {connectRouter} from '../../source/routeros/client.js';
import {startSim, type SimHandle} from '../../source/sim/index.js';
import {countingText} from '../../source/ui/Header.js';

test('counting every poll while it is cheap, less often as it costs more, never less than every 30 s', () => {
	assert.equal(pollsPerCount(1000, null), 1, 'not timed yet');
	assert.equal(pollsPerCount(1000, 0), 1);
	assert.equal(pollsPerCount(1000, 100), 1, 'exactly the budget');
	assert.equal(pollsPerCount(1000, 101), 2);
	assert.equal(pollsPerCount(1000, 2500), 25);
	assert.equal(pollsPerCount(2000, 400), 2);
	assert.equal(pollsPerCount(1000, 60_000), 30, 'a count that costs more than the budget allows still comes every 30 s');
	assert.equal(pollsPerCount(7000, 60_000), 4, 'the gap stays within 30 s at any interval');
	assert.equal(pollsPerCount(45_000, 60_000), 1);
	for (const [interval, cost] of [[500, 330], [1000, 2500], [2000, 1234]]) {
		const gap = pollsPerCount(interval, cost) * interval;
		assert.ok(cost <= countBudget * gap && gap <= longestGapMs, `${cost} ms per count every ${gap} ms`);
	}
});

/** Resolves with the state once `ok` holds for it. */
function stateWhere(store: MonitorStore, ok: (state: MonitorState) => boolean): Promise<MonitorState> {
	return new Promise(resolve => {
		if (ok(store.getState())) return resolve(store.getState());
		const unsubscribe = store.subscribe(() => {
			if (!ok(store.getState())) return;
			unsubscribe();
			resolve(store.getState());
		});
	});
}

/**
 * A two-WAN router whose count walks cost `countMs` of router time, watched by a poller at
 * `intervalMs`; `counts` records when each count was asked for.
 */
async function watched(t: {after: (fn: () => unknown) => void}, options: {intervalMs: number; countMs: number}) {
	const sim: SimHandle = await startSim({scenario: 'two-wan', clock: 'manual', seed: 11, connections: 2000, rate: 0});
	t.after(() => sim.close());
	const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
	t.after(() => api.close());
	const source = routerSource(() => api);
	const config = await source.readConfig();
	// total, unmarked and one per mark: the walks one count makes.
	const walks = 2 + new Set(discover(config).wans.map(wan => wan.connectionMark)).size;
	sim.router.walks.scanRate = options.countMs > 0 ? (walks * sim.router.conntrack.size * 1000) / options.countMs : 0;
	const counts: Array<{at: number; walkedMs: number}> = [];
	const counting: MonitorSource = {
		...source,
		readCounts: marks => {
			counts.push({at: performance.now(), walkedMs: sim.router.walks.walkedMs});
			return source.readCounts(marks);
		},
	};
	const store = new MonitorStore(initialState({intervalMs: options.intervalMs}));
	const poller = new Poller({source: counting, store, discover});
	t.after(() => poller.stop());
	poller.start();
	return {sim, store, counts};
}

test('on a router whose counts are cheap, counts come with every poll and the header says nothing of them', async t => {
	const {store, counts} = await watched(t, {intervalMs: 500, countMs: 0});
	const state = await stateWhere(store, state => (state.snapshot?.counts.total ?? 0) > 0 && counts.length >= 3);
	assert.equal(state.snapshot!.counting.everyMs, 500);
	assert.equal(countingText(state, state.snapshot!.at), '');
});

test('counts that cost the router 0.33 s come every 3.5 s at a 0.5 s interval, within 10% of the time, said in the header', {timeout: 30_000}, async t => {
	const {sim, store, counts} = await watched(t, {intervalMs: 500, countMs: 333});
	const first = await stateWhere(store, state => state.snapshot !== null);
	assert.equal(first.snapshot!.counts.total, sim.router.conntrack.size);
	// The first count was timed: from now on the poller spaces them out.
	const polls: MonitorState[] = [];
	const unsubscribe = store.subscribe(() => polls.push(store.getState()));
	const state = await stateWhere(store, () => counts.length >= 3);
	unsubscribe();
	// 0.33 s of walks and the round trip around them: 7 polls of 0.5 s, more on a loaded machine.
	const {routerMs, everyMs, at} = state.snapshot!.counting;
	assert.ok(routerMs >= 333 - 1, `${routerMs} ms`);
	assert.equal(everyMs, pollsPerCount(500, routerMs) * 500);
	assert.ok(everyMs >= 3500);
	assert.equal(countingText(state, at + 2000), `counts every ${everyMs / 1000} s: the router takes ${Number((routerMs / 1000).toFixed(1))} s per count, 2s ago`);
	for (let index = 1; index < counts.length - 1; index++) {
		const gapMs = counts[index + 1].at - counts[index].at;
		const routerMs = counts[index + 1].walkedMs - counts[index].walkedMs;
		assert.ok(routerMs <= countBudget * gapMs, `count ${index}: ${routerMs.toFixed(0)} ms of router time in ${gapMs.toFixed(0)} ms`);
	}
	// Between counts the other reads kept coming at the interval, rates from the PCC counters with them.
	const between = polls.filter(poll => poll.snapshot && poll.snapshot.counting.at < poll.snapshot.at - 400);
	assert.ok(between.length >= 3, `${between.length} polls between counts`);
	assert.ok(between.every(poll => poll.wans.every(wan => wan.newPerSecond !== null)));
});

test('counts that cost more than 3 s still come every 30 s', {timeout: 30_000}, async t => {
	const {store} = await watched(t, {intervalMs: 500, countMs: 3200});
	const state = await stateWhere(store, state => state.snapshot !== null);
	assert.equal(state.snapshot!.counting.everyMs, longestGapMs);
	assert.match(countingText(state, state.snapshot!.counting.at), /^counts every 30 s: the router takes 3\.\d s per count, 0s ago$/);
});
