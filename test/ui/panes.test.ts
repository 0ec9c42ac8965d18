import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {reduce} from '../../source/monitor/state.js';
import {Chart} from '../../source/ui/Chart.js';
import {computeLayout, type LayoutNeeds} from '../../source/ui/layout.js';
import {MangleTable} from '../../source/ui/MangleTable.js';
import {ColorContext} from '../../source/ui/theme.js';
import type {Problem} from '../../source/pcc/types.js';
import {topology} from '../monitor/fixtures.js';
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
	const newest = await app.press('5', '▶ 5 Events');
	assert.doesNotMatch(newest, /action number 10\b/);
	const older = await app.press(keys.pageUp, frame => !frame.includes('action number 29'));
	assert.match(older, /action number 24/);
	await app.press(keys.pageDown, 'action number 29');
});

function layoutAt(columns: number, rows: number, more: Partial<LayoutNeeds> = {}) {
	const layout = computeLayout({
		columns, rows, headerLines: 2, hintLines: 1, wanLines: 5, focus: 'wans',
		content: {events: 12, mangle: 9, routes: 8, problems: 10}, extra: ['problems', 'mangle', 'routes'], ...more,
	});
	const panes = layout.columns.flatMap(column => column.panes);
	return {layout, panes, names: panes.map(pane => pane.pane), height: (name: string) => panes.find(pane => pane.pane === name)?.height ?? 0};
}

test('layout: the chart and the events at 80x24, every pane at once before a taller chart at 200x60', () => {
	const small = layoutAt(80, 24);
	assert.deepEqual(small.names, ['chart', 'events']);
	assert.equal(small.panes.reduce((sum, pane) => sum + pane.height, 0), 23 - 2 - 1 - 5);
	assert.ok(small.height('chart') >= 8, 'the chart stays readable');
	const tall = layoutAt(120, 40);
	assert.deepEqual(tall.names, ['chart', 'events', 'problems', 'mangle', 'routes'], 'a tall screen shows every pane');
	assert.ok(tall.height('chart') <= 16, 'and the chart does not grow while the tables want room');
	const big = layoutAt(200, 60);
	assert.equal(big.layout.columns.length, 2);
	assert.deepEqual(new Set(big.names), new Set(['chart', 'events', 'problems', 'mangle', 'routes']));
	assert.equal(big.height('mangle'), 10, 'the mangle pane shows every rule');
	assert.equal(big.height('routes'), 9, 'the routes pane every route');
	const [left, right] = big.layout.columns;
	assert.ok(left.width + right.width + 1 <= 200);
	for (const column of big.layout.columns) assert.equal(column.panes.reduce((sum, pane) => sum + pane.height, 0), 59 - 2 - 1 - 5);
	// Many WANs on a short terminal: the table keeps room for a pane below it.
	const crowded = layoutAt(80, 24, {wanLines: 20});
	assert.ok(crowded.layout.wanLines <= 23 - 3 - 5 && crowded.panes.length === 1);
});

test('layout: at 200x60 a crowded right column hands a table to the left before the chart takes the room', () => {
	// Findings wrap over more lines in the narrow right column than in the wide left one.
	const crowded = layoutAt(200, 60, {content: {events: 2, mangle: 6, routes: 7, problems: width => (width >= 100 ? 28 : 40)}});
	const [left, right] = crowded.layout.columns;
	assert.deepEqual(left.panes.map(pane => pane.pane), ['chart', 'mangle', 'routes']);
	assert.deepEqual(right.panes.map(pane => pane.pane), ['events', 'problems']);
	assert.equal(crowded.height('problems'), 41, 'every finding in view');
	assert.equal(crowded.height('routes'), 8, 'every route');
	assert.equal(crowded.height('mangle'), 7, 'every rule');
	// With room for all on the right, the panes stand where they always do.
	assert.deepEqual(layoutAt(200, 60).layout.columns.map(column => column.panes.map(pane => pane.pane)), [['chart', 'mangle'], ['events', 'problems', 'routes']]);
});

test('at 200x60 a tall chart pane shows throughput and new connections under the connections, not one chart stretched', async t => {
	const app = renderApp(stateFrom(healthyTicks()), {columns: 200, rows: 60});
	t.after(() => app.unmount());
	const left = app.frame().split('\n').map(line => line.slice(0, 120)).join('\n');
	assert.match(left, /─ 2 Chart: connections per WAN · throughput per WAN, rx\+tx bit\/s · new connections per second per WAN ─/);
	for (const title of ['connections per WAN', 'throughput per WAN, rx\\+tx bit\\/s', 'new connections per second per WAN']) {
		assert.match(left, new RegExp(`wan3 {3}${title} \\(c cycles\\)`));
	}
	const axisRuns = left.split(/c cycles\)/).slice(1).map(chart => chart.split('\n').filter(line => /^ *[\d.]+[kMG]?[┼┤]/.test(line)).length);
	assert.equal(axisRuns.length, 3);
	assert.ok(axisRuns.every(lines => lines >= 10 && lines <= 16), `three charts of a readable height: ${axisRuns.join(', ')} lines`);
	assert.match(left, /─ 3 Mangle/, 'the mangle pane below them');
	await app.press('c', 'Chart: throughput per WAN, rx+tx bit/s · new connections per second per WAN · connections per WAN');
	const narrower = renderApp(stateFrom(healthyTicks()), {columns: 140, rows: 60});
	t.after(() => narrower.unmount());
	assert.match(narrower.frame(), /─ 2 Chart: connections per WAN and 2 more below ─/, 'a title too long for the column says what follows, uncut');
});

test('at 200x60 many findings push a table to the left column rather than either being cut', t => {
	const problems: Problem[] = ['unassigned-bucket', 'duplicate-bucket', 'missing-connection-state-new', 'mark-routing-uses-pcc', 'missing-masquerade'].flatMap(code => ['wan1', 'wan2'].map(subject => ({
		code: code as Problem['code'],
		subject,
		severity: 'warning' as const,
		message: `what is wrong with ${subject} said in a sentence long enough to wrap over three lines of the narrow right column and two of the wide left one, then the command that fixes it`,
	})));
	const app = renderApp(stateFrom(healthyTicks(), {topology: {...topology, problems}}), {columns: 200, rows: 60});
	t.after(() => app.unmount());
	const frame = app.frame();
	for (const problem of problems) assert.match(frame, new RegExp(`! ${problem.code}:${problem.subject}\n|! ${problem.code}:${problem.subject} `), `${problem.code}:${problem.subject} in view`);
	for (const line of [/wan3 +d1 +192\.0\.2\.1/, /main +d2 +198\.51\.100\.1/, /9\.9\.9\.9 +up/]) assert.match(frame, line, 'every route and probe in view');
	for (const rule of ['*2', '*3', '*4', '*5', '*6', '*7', '*8', '*9']) assert.ok(frame.split('\n').some(line => line.startsWith(`${rule} `)), `rule ${rule} in view`);
	assert.match(frame, /Chart: connections per WAN/, 'and the chart, shorter');
});

test('layout: a focused pane that had no room comes first and shows what it has', () => {
	const focused = layoutAt(80, 24, {focus: 'routes'});
	assert.equal(focused.names[0], 'routes');
	assert.equal(focused.height('routes'), 9);
	assert.equal(focused.panes.reduce((sum, pane) => sum + pane.height, 0), 23 - 2 - 1 - 5, 'and the others fill what it leaves');
	const message = layoutAt(80, 24, {hintLines: 3, headerLines: 4});
	assert.equal(message.panes.reduce((sum, pane) => sum + pane.height, 0), 23 - 4 - 3 - 5, 'a wrapped message and a link error take their lines');
});

test('a WAN with hundreds of thousands of connections shows them whole where there is room, shortened, never cut', t => {
	const ticks = healthyTicks();
	const last = ticks.at(-1)!;
	ticks.push({...last, at: last.at + 2000, connections: {wan1: 464_612, wan2: 279_301, wan3: 9_844}});
	const narrow = renderApp(stateFrom(ticks), {columns: 80, rows: 24});
	t.after(() => narrow.unmount());
	const row = (frame: string, wan: string) => frame.split('\n').find(line => new RegExp(`^\\W*${wan} `).test(line)) ?? '';
	assert.match(row(narrow.frame(), 'wan1'), / 465k +\d+%/);
	assert.match(row(narrow.frame(), 'wan2'), / 279k +\d+%/);
	assert.match(row(narrow.frame(), 'wan3'), / 9,844 +\d+%/);
	const wide = renderApp(stateFrom(ticks), {columns: 100, rows: 30});
	t.after(() => wide.unmount());
	assert.match(row(wide.frame(), 'wan1'), / 464,612 +\d+%/);
	assert.doesNotMatch(narrow.frame() + wide.frame(), /\d…/, 'no number cut');
});
