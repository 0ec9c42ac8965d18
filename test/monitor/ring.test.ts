import {test} from 'node:test';
import assert from 'node:assert/strict';
import {RingBuffer} from '../../source/monitor/ring.js';
import {emptyHistory, recordHistory, seriesTail} from '../../source/monitor/history.js';
import {initialState, reduce} from '../../source/monitor/state.js';
import {advance, snapshot, tick} from './fixtures.js';

test('a ring buffer keeps the newest values in order once full', () => {
	const ring = new RingBuffer(3);
	for (let i = 1; i <= 5; i++) ring.push(i * 1000, i);
	assert.equal(ring.length, 3);
	assert.deepEqual(ring.tail(10), [3, 4, 5]);
	assert.deepEqual(ring.tail(2), [4, 5]);
	assert.equal(ring.last(), 5);
});

test('chart columns stand for fixed spans of time: only the newest moves until the next span starts', () => {
	const ring = new RingBuffer(100);
	// A sample a second from 0 s to 11 s: spans 0-5 s, 5-10 s and 10-15 s.
	for (let second = 0; second <= 11; second++) ring.push(second * 1000, second);
	assert.deepEqual(ring.spans(10, 5000), [2, 7, 10.5]);
	assert.deepEqual(ring.spans(2, 5000), [7, 10.5]);
	ring.push(12_000, 12);
	assert.deepEqual(ring.spans(10, 5000), [2, 7, 11], 'a new poll in the same span changes the newest column only');
	// A reading unknown for a whole span is a gap; a span no poll fell into repeats the one before.
	ring.push(15_000, Number.NaN);
	ring.push(27_000, 27);
	assert.deepEqual(ring.spans(10, 5000), [2, 7, 11, Number.NaN, Number.NaN, 27]);
	ring.push(33_000, 33);
	ring.push(45_000, 45);
	assert.deepEqual(ring.spans(3, 5000), [33, 33, 45], 'spans before the first sample shown repeat the one before them');
});

test('a ring buffer drops samples older than a cutoff', () => {
	const ring = new RingBuffer(10);
	for (let i = 0; i < 6; i++) ring.push(i * 1000, i);
	ring.dropBefore(3500);
	assert.deepEqual(ring.tail(10), [4, 5]);
	assert.equal(ring.firstTime(), 4000);
});

test('history holds an hour per WAN series, then forgets the oldest', () => {
	let state = initialState({intervalMs: 2000});
	let t = tick();
	state = reduce(state, {type: 'snapshot', snapshot: snapshot(t)});
	// 1900 polls 2 s apart: a bit over an hour.
	for (let i = 1; i < 1900; i++) {
		t = advance(t, 2, {connections: {wan1: 400 + i, wan2: 200, wan3: 200}});
		state = reduce(state, {type: 'snapshot', snapshot: snapshot(t)});
	}
	const connections = state.history.byWan.get('wan1')!.connections;
	assert.ok(connections.length <= 1801 && connections.length >= 1800, `held ${connections.length} samples`);
	assert.equal(connections.last(), 400 + 1899);
	assert.ok(t.at - connections.firstTime()! <= 3_600_000);
});

test('an unknown value (after a counter reset) is kept as a gap', () => {
	const history = emptyHistory();
	recordHistory(history, 0, [{name: 'wan1', connections: 3, newPerSecond: null, rxBps: 10, txBps: 1} as never]);
	assert.ok(Number.isNaN(seriesTail(history, 'wan1', 'newPerSecond', 1)[0]));
	assert.deepEqual(seriesTail(history, 'wan1', 'connections', 5), [3]);
	assert.deepEqual(seriesTail(history, 'nope', 'connections', 5), []);
});
