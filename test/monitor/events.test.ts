import {test} from 'node:test';
import assert from 'node:assert/strict';
import {initialState, maxEvents, reduce, type MonitorState} from '../../source/monitor/state.js';
import type {Snapshot} from '../../source/monitor/types.js';
import {advance, snapshot, tick} from './fixtures.js';

const first = tick();

function eventsBetween(before: Snapshot, after: Snapshot): string[] {
	let state: MonitorState = initialState({intervalMs: 2000});
	state = reduce(state, {type: 'snapshot', snapshot: before});
	state = reduce(state, {type: 'snapshot', snapshot: after});
	return state.events.map(event => event.text);
}

test('two identical polls produce no event', () => {
	assert.deepEqual(eventsBetween(snapshot(first), snapshot(advance(first, 2))), []);
});

test('a route going inactive reports the WAN down, the route, and the netwatch probe', () => {
	const down = advance(first, 2, {routeActive: {wan1: true, wan2: false, wan3: true}, netwatch: {wan1: 'up', wan2: 'down', wan3: 'up'}});
	assert.deepEqual(eventsBetween(snapshot(first), snapshot(down)), [
		'wan2 DOWN: no active default route, 200 connections carry its mark',
		'route wan2 0.0.0.0/0 via 198.51.100.1 inactive',
		'netwatch 8.8.8.8 down',
	]);
	assert.deepEqual(eventsBetween(snapshot(down), snapshot(advance(down, 2, {routeActive: first.routeActive, netwatch: first.netwatch}))), [
		'wan2 up again',
		'route wan2 0.0.0.0/0 via 198.51.100.1 active',
		'netwatch 8.8.8.8 up',
	]);
});

test('v6 gateway-status turning unreachable is its own event', () => {
	const before = snapshot(first);
	const after = snapshot(advance(first, 2));
	before.routes[0] = {...before.routes[0], gatewayStatus: '203.0.113.1 reachable via ether1'};
	after.routes[0] = {...after.routes[0], gatewayStatus: '203.0.113.1 unreachable'};
	assert.deepEqual(eventsBetween(before, after), ['gateway 203.0.113.1 (wan1) unreachable']);
});

test('a jump in a WAN\'s connection count is reported, ordinary churn is not', () => {
	const churn = advance(first, 2, {connections: {wan1: 430, wan2: 190, wan3: 200}});
	assert.deepEqual(eventsBetween(snapshot(first), snapshot(churn)), []);
	const drop = advance(first, 2, {connections: {wan1: 37, wan2: 200, wan3: 200}});
	assert.deepEqual(eventsBetween(snapshot(first), snapshot(drop)), ['wan1 connections 400 → 37 (−363)']);
});

test('counter resets are reported and give no rate for that poll', () => {
	const reset = advance(first, 2, {
		packets: {...first.packets, '*3': 5n},
		rxBytes: {...first.rxBytes, wan2: 10n},
	});
	let state = initialState({intervalMs: 2000});
	state = reduce(state, {type: 'snapshot', snapshot: snapshot(first)});
	state = reduce(state, {type: 'snapshot', snapshot: snapshot(reset)});
	assert.deepEqual(state.events.map(event => event.text), [
		'mangle counters reset: *3 (rates skip one poll)',
		'interface counters reset: ether2 (rates skip one poll)',
	]);
	assert.equal(state.wans[0].newPerSecond, null);
	assert.equal(state.wans[1].rxBps, null);
	assert.equal(state.wans[2].rxBps, 0);
});

test('a lost link is one event however many attempts follow; reconnects and actions are events with their time', () => {
	let state = initialState({intervalMs: 2000});
	state = reduce(state, {type: 'link', link: {kind: 'live'}, at: 1});
	state = reduce(state, {type: 'link', link: {kind: 'reconnecting', attempt: 1, error: 'connection reset'}, at: 2});
	state = reduce(state, {type: 'link', link: {kind: 'reconnecting', attempt: 2, error: 'connection refused'}, at: 3});
	state = reduce(state, {type: 'link', link: {kind: 'live'}, at: 4});
	state = reduce(state, {type: 'action', at: 5, text: 'flushed wan2: removed 412 of 412'});
	assert.deepEqual(state.events.map(event => [event.at, event.kind, event.text]), [
		[2, 'link', 'connection lost (connection reset); reconnecting'],
		[4, 'link', 'reconnected after 2 attempts'],
		[5, 'action', 'flushed wan2: removed 412 of 412'],
	]);
});

test('a configuration change is an event, and the event list stays bounded', () => {
	assert.deepEqual(eventsBetween(snapshot(first), snapshot(advance(first, 2), {configChanged: true})), ['configuration changed: 3 WANs now']);
	let state = initialState({intervalMs: 2000});
	for (let i = 0; i < maxEvents + 20; i++) state = reduce(state, {type: 'action', at: i, text: `action ${i}`});
	assert.equal(state.events.length, maxEvents);
	assert.equal(state.events.at(-1)?.text, `action ${maxEvents + 19}`);
});
