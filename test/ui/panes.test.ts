import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {reduce} from '../../source/monitor/state.js';
import {Chart} from '../../source/ui/Chart.js';
import {computeLayout} from '../../source/ui/layout.js';
import {MangleTable} from '../../source/ui/MangleTable.js';
import {ColorContext} from '../../source/ui/theme.js';
import {healthyTicks, stateFrom, wan2DownTicks} from './fixtures.js';
import {keys, renderApp} from './render.js';

test('the mangle pane shows each PCC rule\'s counters and rates; a rule whose counters stand still says STILL', t => {
	const state = stateFrom(healthyTicks());
	const {lastFrame, unmount} = render(createElement(MangleTable, {rules: state.mangle, width: 100, height: 12, scroll: 0}));
	t.after(unmount);
	const lines = (lastFrame() ?? '').split('\n');
	assert.match(lines[0], /CHAIN +ACTION +MATCHERS +CLASSIFIER +MARKS +PKTS +PKT\/s +BYTES +B\/s/);
	// 20 packets (2000 bytes) per 2 s poll on every rule but wan3's.
	assert.match(lines.find(line => line.includes('4/0'))!, /pcc +mark-conn +state=new +both-a-p:4\/0 +→wan1_conn +1\.2k +10 +118k +1\.0k/);
	assert.match(lines.find(line => line.includes('4/3'))!, /→wan3_conn +1\.0k +STILL +100k +STILL/);
	assert.match(lines.find(line => line.includes('→pcc'))!, /prerouting +jump +in=bridge/);
	assert.ok(!lines.some(line => line.includes('guest')), 'disabled rules are left out');
});

test('the chart shows one series per WAN with a legend, and waits for history first', t => {
	const state = stateFrom(healthyTicks());
	const {lastFrame, unmount} = render(createElement(Chart, {wans: state.wans, history: state.history, mode: 'connections', width: 60, height: 10}));
	t.after(unmount);
	const lines = (lastFrame() ?? '').split('\n');
	assert.match(lines[0], /━ wan1 {2}━ wan2 {2}━ wan3 {3}connections per WAN/);
	// Each column is a 5 s span's mean: the newest holds the polls with 440 and 445 connections.
	assert.match(lines[1], /^ +443┼/, 'the axis tops at the highest column');
	assert.match(lines.at(-1)!, /^ +0┤/);
	assert.ok(lines.length <= 10);
	const fresh = stateFrom(healthyTicks().slice(0, 1));
	const early = render(createElement(Chart, {wans: fresh.wans, history: fresh.history, mode: 'connections', width: 60, height: 10}));
	t.after(early.unmount);
	assert.match(early.lastFrame() ?? '', /collecting history/);
});

test('with colour off nothing on the screen carries an escape sequence, chart included', t => {
	const app = renderApp(stateFrom(wan2DownTicks()), {columns: 120, rows: 40});
	t.after(() => app.unmount());
	assert.doesNotMatch(app.frame(), /\u001B\[/);
	const state = stateFrom(healthyTicks());
	const colored = render(
		createElement(ColorContext.Provider, {value: true}, createElement(Chart, {wans: state.wans, history: state.history, mode: 'connections', width: 60, height: 10})),
	);
	t.after(colored.unmount);
	assert.match(colored.lastFrame() ?? '', /\u001B\[36m/, 'with colour on, wan1\'s series is cyan');
});

test('page up in the events pane scrolls back to older events', async t => {
	let state = stateFrom(healthyTicks());
	for (let i = 0; i < 30; i++) state = reduce(state, {type: 'action', at: state.snapshot!.at, text: `action number ${i}`});
	const app = renderApp(state);
	t.after(() => app.unmount());
	const newest = await app.press('5', 'action number 29');
	assert.doesNotMatch(newest, /action number 10\b/);
	const older = await app.press(keys.pageUp, frame => !frame.includes('action number 29'));
	assert.match(older, /action number 24/);
	await app.press(keys.pageDown, 'action number 29');
});

test('layout: one pane at 80x24, two stacked when tall, side by side when wide', () => {
	const small = computeLayout(80, 24, 5, 'wans');
	assert.deepEqual(small.panes.map(pane => [pane.pane, pane.width, pane.height]), [['chart', 80, 23 - 2 - 1 - 5]]);
	const tall = computeLayout(100, 50, 5, 'mangle');
	assert.deepEqual(tall.panes.map(pane => pane.pane), ['mangle', 'events']);
	assert.equal(tall.panes.reduce((sum, pane) => sum + pane.height, 0), 49 - 2 - 1 - 5);
	const wide = computeLayout(160, 48, 5, 'events');
	assert.equal(wide.direction, 'row');
	assert.deepEqual(wide.panes.map(pane => pane.pane), ['events', 'chart']);
	assert.ok(wide.panes[0].width + wide.panes[1].width + 1 <= 160);
	// Many WANs on a short terminal: the table keeps room for a pane below it.
	const crowded = computeLayout(80, 24, 20, 'wans');
	assert.ok(crowded.wanLines <= 23 - 3 - 5 && crowded.panes.length === 1);
});

test('a WAN with hundreds of thousands of connections shows them shortened, not cut off', t => {
	const ticks = healthyTicks();
	const last = ticks.at(-1)!;
	ticks.push({...last, at: last.at + 2000, connections: {wan1: 464_612, wan2: 279_301, wan3: 9_844}});
	const app = renderApp(stateFrom(ticks), {columns: 120, rows: 40});
	t.after(() => app.unmount());
	const row = (wan: string) => app.frame().split('\n').find(line => new RegExp(`^\\W*${wan} `).test(line)) ?? '';
	assert.match(row('wan1'), / 465k +\d+%/);
	assert.match(row('wan2'), / 279k +\d+%/);
	assert.match(row('wan3'), / 9,844 +\d+%/);
});
