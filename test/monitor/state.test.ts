import {test} from 'node:test';
import assert from 'node:assert/strict';
import {initialState, reduce, type MonitorState} from '../../source/monitor/state.js';
import {advance, snapshot, tick, topology, type Tick} from './fixtures.js';

function run(...ticks: Tick[]): MonitorState {
	return ticks.reduce((state, t) => reduce(state, {type: 'snapshot', snapshot: snapshot(t)}), initialState({intervalMs: 2000}));
}

const first = tick();
const packetsAfter = (seconds: number, perSecond: Record<string, number>) =>
	Object.fromEntries(Object.entries(first.packets).map(([id, packets]) => [id, packets + BigInt((perSecond[id] ?? 0) * seconds)]));

test('WAN rows carry buckets, shares, connections and actual share', () => {
	const state = run(first);
	const [wan1, wan2] = state.wans;
	assert.equal(wan1.buckets, '0,1/4');
	assert.equal(wan1.share, 0.5);
	assert.equal(wan1.connections, 400);
	assert.equal(wan1.actualShare, 0.5);
	assert.equal(wan2.buckets, '2/4');
	assert.equal(wan1.skew, null);
	assert.equal(wan1.state, 'up');
	assert.equal(wan1.netwatch, 'up');
	assert.equal(wan1.gatewayState, 'reachable');
	// Rates need two polls.
	assert.equal(wan1.newPerSecond, null);
});

test('new connections per second come from the packet deltas of the WAN\'s PCC rules', () => {
	const later = advance(first, 2, {packets: packetsAfter(2, {'*3': 10, '*4': 6, '*5': 4, '*6': 1})});
	const state = run(first, later);
	assert.deepEqual(state.wans.map(wan => wan.newPerSecond), [16, 4, 1]);
});

test('throughput is bits per second over the real elapsed time', () => {
	const later = advance(first, 4, {
		rxBytes: {wan1: first.rxBytes.wan1 + 4_000_000n, wan2: first.rxBytes.wan2, wan3: first.rxBytes.wan3},
		txBytes: {wan1: first.txBytes.wan1 + 400_000n, wan2: first.txBytes.wan2, wan3: first.txBytes.wan3},
	});
	const [wan1, wan2] = run(first, later).wans;
	assert.equal(wan1.rxBps, 8_000_000);
	assert.equal(wan1.txBps, 800_000);
	assert.equal(wan2.rxBps, 0);
});

test('a share far from the configured one is marked as skew', () => {
	const skewed = advance(first, 2, {connections: {wan1: 200, wan2: 500, wan3: 100}});
	const [wan1, wan2] = run(first, skewed).wans;
	assert.ok(wan1.skew !== null && wan1.skew < -0.2);
	assert.ok(wan2.skew !== null && wan2.skew > 0.3);
});

test('a WAN whose route went inactive is down with its marked connections counted as stuck', () => {
	const down = advance(first, 2, {routeActive: {wan1: true, wan2: false, wan3: true}, connections: {wan1: 400, wan2: 412, wan3: 200}});
	const state = run(first, down);
	const wan2 = state.wans[1];
	assert.equal(wan2.state, 'down');
	assert.equal(wan2.routeActive, false);
	assert.equal(wan2.stuck, 412);
	assert.equal(wan2.gatewayState, 'unreachable');
	assert.equal(state.wans[0].stuck, 0);
});

test('mangle rows list the PCC rules, the jump to them and the mark-routing rules, with rates and still counters', () => {
	const later = advance(first, 2, {packets: packetsAfter(2, {'*2': 50, '*3': 10, '*4': 6, '*5': 4, '*7': 100, '*8': 50, '*9': 20})});
	const state = run(first, later);
	assert.deepEqual(state.mangle.map(rule => rule.id), ['*2', '*3', '*4', '*5', '*6', '*7', '*8', '*9']);
	const jump = state.mangle[0];
	assert.equal(jump.marks, '→pcc');
	assert.equal(jump.matchers, 'in=bridge');
	const pcc = state.mangle[1];
	assert.equal(pcc.classifier, 'both-addresses-and-ports:4/0');
	assert.equal(pcc.marks, '→wan1_conn');
	assert.equal(pcc.matchers, 'state=new');
	assert.equal(pcc.packetsPerSecond, 10);
	assert.equal(pcc.bytesPerSecond, 1000);
	assert.equal(pcc.still, false);
	assert.equal(state.mangle[4].still, true, 'wan3\'s rule saw no packet');
	assert.equal(state.mangle[5].marks, 'wan1_conn→wan1');
});

test('freezing stops applying snapshots until unfrozen', () => {
	const state = run(first);
	const frozen = reduce(state, {type: 'frozen', frozen: true});
	const later = advance(first, 2, {connections: {wan1: 1, wan2: 1, wan3: 1}});
	const still = reduce(frozen, {type: 'snapshot', snapshot: snapshot(later)});
	assert.equal(still, frozen);
	assert.equal(still.wans[0].connections, 400);
	const thawed = reduce(reduce(still, {type: 'frozen', frozen: false}), {type: 'snapshot', snapshot: snapshot(later)});
	assert.equal(thawed.wans[0].connections, 1);
});

test('a good poll clears the last error; the topology\'s problems stay visible in the snapshot', () => {
	const failed = reduce(run(first), {type: 'poll-error', at: first.at + 2000, message: 'timeout after 10 s'});
	assert.equal(failed.lastError?.message, 'timeout after 10 s');
	const recovered = reduce(failed, {type: 'snapshot', snapshot: snapshot(advance(first, 4))});
	assert.equal(recovered.lastError, null);
	assert.deepEqual(recovered.snapshot?.topology.problems, topology.problems);
});

test('an action\'s event stands where its time puts it, before what polls logged after the router changed', () => {
	const down = advance(first, 2, {routeActive: {wan1: true, wan2: false, wan3: true}});
	const polled = run(first, down);
	// Changed a second after the first poll, reported once its dialog closed, after the second.
	const changedAt = first.at + 1000;
	const state = reduce(polled, {type: 'action', at: changedAt, text: 'weights: wan1=1 wan2=1 wan3=1', severity: 'good'});
	const before = polled.events.filter(event => event.at <= changedAt).map(event => event.text);
	const after = polled.events.filter(event => event.at > changedAt).map(event => event.text);
	assert.ok(after.some(text => /^wan2 DOWN/.test(text)), after.join(' | '));
	assert.deepEqual(state.events.map(event => event.text), [...before, 'weights: wan1=1 wan2=1 wan3=1', ...after]);
});
