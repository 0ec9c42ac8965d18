import {test} from 'node:test';
import assert from 'node:assert/strict';
import {initialState, reduce} from '../../source/monitor/state.js';
import {screenTime} from '../../source/time-text.js';
import {advance, snapshot} from '../monitor/fixtures.js';
import {healthyTicks, stateFrom, wan2DownTicks} from './fixtures.js';
import {lineWith, renderApp} from './render.js';

function assertFits(frame: string, columns: number, rows: number) {
	const lines = frame.split('\n');
	assert.ok(lines.length <= rows, `${lines.length} lines on a ${rows}-row terminal`);
	for (const line of lines) assert.ok([...line].length <= columns, `line wider than ${columns}: ${JSON.stringify(line)}`);
}

test('at 80x24 the header, every WAN row, the chart and the hint line fit without wrapping', t => {
	const app = renderApp(stateFrom(healthyTicks()));
	t.after(() => app.unmount());
	const frame = app.frame();
	assertFits(frame, 80, 24);
	assert.match(frame, /edge-gw {2}RouterOS 7\.18\.2 {2}RB5009UG\+S\+ {2}up 3d4h5m6s {2}cpu 7% {2}rtt 4ms/);
	assert.match(frame, /● live {2}data 1s old {2}every 2s/);
	assert.match(lineWith(frame, 'wan1'), /wan1 +0,1\/4 +50% +445 +52% +20 /);
	assert.match(lineWith(frame, 'wan2'), /wan2 +2\/4 +25% +209 +24% +10 /);
	assert.match(lineWith(frame, 'wan3'), /wan3 +3\/4 +25% +208 +24% +0\.0 /, 'wan3\'s rule saw no packets: 0.0 new/s, one decimal below 10');
	// 2 MB per 2 s on wan1 is 8 Mbit/s in, 0.8 out.
	assert.match(lineWith(frame, 'wan1'), /8\.0M\/800k +✓203\.0\.113\.1 +up +up/);
	assert.match(frame, /Chart: connections per WAN/);
	assert.match(frame, /─ wan1 {2}━ wan2 {2}═ wan3/, 'without colour each series has its own line');
	assert.match(frame, /\? help/);
});

test('the screen uses the room it gets and never exceeds it, from 60x16 to 200x60', async t => {
	const state = stateFrom(wan2DownTicks());
	for (const [columns, rows] of [[60, 16], [80, 24], [100, 30], [120, 40], [160, 48], [200, 60]]) {
		const app = renderApp(state, {columns, rows});
		t.after(() => app.unmount());
		const frame = app.frame();
		assertFits(frame, columns, rows);
		assert.match(frame, /wan2/);
		assert.match(frame, /412 (connections )?carry wan2's mark/);
		assert.doesNotMatch(lineWith(frame, '⚠'), /…/, 'the note is said whole');
		if (columns >= 160) {
			assert.match(frame, /CONNS TREND/, 'a wide screen adds the trend sparkline');
			assert.match(frame, /5 Events/, 'and the events pane beside the chart');
		}
		if (rows >= 40 && columns < 140) assert.match(frame, /5 Events/, 'a tall screen stacks events under the chart');
	}
	const narrow = renderApp(state, {columns: 60, rows: 16});
	t.after(() => narrow.unmount());
	assert.doesNotMatch(narrow.frame(), /CONNS TREND|BUCKET/, 'a narrow screen drops the least telling columns');
});

test('a WAN whose route is down says so plainly, with the key that flushes', t => {
	const app = renderApp(stateFrom(wan2DownTicks()));
	t.after(() => app.unmount());
	const frame = app.frame();
	assert.match(lineWith(frame, 'wan2 '), /✗198\.51\.100\.1 +DOWN +DOWN/);
	assert.match(frame, /⚠ 412 connections carry wan2's mark, its route is down — f flushes/);
});

test('once the flush dialog has counted, the note says how many were stuck, and with none offers no flush', async t => {
	const ticks = wan2DownTicks();
	const down = ticks.at(-1)!;
	const app = renderApp(stateFrom(ticks), {columns: 100});
	t.after(() => app.unmount());
	app.store.dispatch({type: 'stuck-counted', wan: 'wan2', at: down.at, stuck: 75});
	const some = await app.press('', frame => /75 stuck/.test(frame));
	assert.match(some, new RegExp(`⚠ 412 connections carry wan2's mark, its route is down; 75 stuck at ${screenTime(down.at, down.at)} — f flushes them`));
	app.store.dispatch({type: 'stuck-counted', wan: 'wan2', at: down.at + 5000, stuck: 0});
	const none = await app.press('', frame => /none stuck/.test(frame));
	assert.match(none, new RegExp(`⚠ 412 connections carry wan2's mark, its route is down; none stuck at ${screenTime(down.at + 5000, down.at)}$`, 'm'));
	assert.doesNotMatch(none, /f flushes/, 'no key offered that would find nothing to flush');

	const narrow = renderApp(app.store.getState(), {columns: 60, rows: 16});
	t.after(() => narrow.unmount());
	assert.match(narrow.frame(), /⚠ 412 carry wan2's mark, route down; none stuck$/m, 'said shorter, not cut, where it does not fit');

	// The route comes back: what was counted no longer holds, and the next time it goes down the note offers the flush again.
	const up = advance(down, 2, {routeActive: {wan1: true, wan2: true, wan3: true}, netwatch: {wan1: 'up', wan2: 'up', wan3: 'up'}});
	const downAgain = advance(up, 2, {routeActive: {wan1: true, wan2: false, wan3: true}, netwatch: {wan1: 'up', wan2: 'down', wan3: 'up'}});
	app.store.dispatch({type: 'snapshot', snapshot: snapshot(up)});
	app.store.dispatch({type: 'snapshot', snapshot: snapshot(downAgain)});
	await app.press('', frame => /its route is down — f flushes$/m.test(frame));
});

test('read-only shows a badge with the reason and does not offer the flush', t => {
	const app = renderApp(stateFrom(wan2DownTicks(), {readOnly: 'account group "read" has no write policy'}));
	t.after(() => app.unmount());
	const frame = app.frame();
	assert.match(frame, /\[READ-ONLY\]/, 'at 80 columns the badge, its reason where there is room');
	const wide = renderApp(stateFrom(wan2DownTicks(), {readOnly: 'account group "read" has no write policy'}), {columns: 100});
	t.after(() => wide.unmount());
	assert.match(wide.frame(), /\[READ-ONLY: account group "read" has no write policy\]/);
	assert.match(frame, /412 connections carry wan2's mark, its route is down/);
	assert.doesNotMatch(frame, /f flushes/);
});

test('a share far from its buckets\' share is marked', t => {
	const ticks = healthyTicks();
	const last = ticks.at(-1)!;
	ticks.push({...last, at: last.at + 2000, connections: {wan1: 150, wan2: 500, wan3: 150}});
	const app = renderApp(stateFrom(ticks));
	t.after(() => app.unmount());
	// 62.5 % and twice 18.75 %: rounded together, 62 + 19 + 19.
	assert.match(lineWith(app.frame(), 'wan2'), /500 +62% ▲/);
	assert.match(lineWith(app.frame(), 'wan1'), /150 +19% ▼/);
});

test('before the first poll the screen says it is connecting and has no data', t => {
	const app = renderApp(initialState({intervalMs: 2000}));
	t.after(() => app.unmount());
	const frame = app.frame();
	assert.match(frame, /waiting for the router/);
	assert.match(frame, /◌ connecting {2}no data yet/);
	assert.doesNotMatch(frame, /no PCC/, 'not read yet is not no PCC');
});

test('while reconnecting the attempt and error show, and old data is marked stale', t => {
	let state = stateFrom(healthyTicks());
	state = reduce(state, {type: 'link', link: {kind: 'reconnecting', attempt: 3, error: 'connection refused'}, at: state.snapshot!.at + 1000});
	const app = renderApp(state, {now: () => state.snapshot!.at + 12_000});
	t.after(() => app.unmount());
	const frame = app.frame();
	assert.match(frame, /◌ reconnecting 3 {2}data 12s old, STALE {2}every 2s.*\nconnection refused\n/);
});

test('a failed poll on a live link is shown beside the link state', t => {
	let state = stateFrom(healthyTicks());
	state = reduce(state, {type: 'poll-error', at: state.snapshot!.at + 500, message: 'timeout after 10 s'});
	const app = renderApp(state);
	t.after(() => app.unmount());
	assert.match(app.frame(), /● live {2}data 1s old {2}every 2s.*\nlast poll failed: timeout after 10 s\n/);
});
