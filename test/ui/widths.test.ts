import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createElement} from 'react';
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {Chart} from '../../source/ui/Chart.js';
import {bucketForms, rate, shortNames} from '../../source/ui/format.js';
import {MangleTable} from '../../source/ui/MangleTable.js';
import {renderReport} from '../../source/ui/report.js';
import {ColorContext} from '../../source/ui/theme.js';
import {healthyTicks, stateFrom} from './fixtures.js';

test('names are shortened so that they stay told apart', () => {
	const wans = shortNames(['to_WAN1', 'to_WAN2'], 6);
	assert.notEqual(wans.get('to_WAN1'), wans.get('to_WAN2'));
	assert.equal(wans.get('to_WAN1'), 'to_W…1');
	assert.deepEqual([...shortNames(['wan2_conn', 'wan2'], 6).values()], ['wan2_…', 'wan2']);
	assert.deepEqual([...shortNames(['wan1', 'wan2'], 6).values()], ['wan1', 'wan2']);
});

test('buckets that do not fit are said as a range or a count, never cut', () => {
	assert.deepEqual(bucketForms('0,1,2,3,4/10'), ['0,1,2,3,4/10', '0-4/10', '5 of 10']);
	assert.deepEqual(bucketForms('0,2,4,6,8/10'), ['0,2,4,6,8/10', '5 of 10']);
	assert.deepEqual(bucketForms('–'), ['–']);
});

test('rates follow one rule for decimals', () => {
	assert.deepEqual([0, 0.5, 3, 9.94, 16.3, 20, 1234].map(rate), ['0.0', '0.5', '3.0', '9.9', '16', '20', '1.2k']);
});

test('the mangle pane says every classifier and matcher in full at its width', t => {
	const state = stateFrom(healthyTicks());
	// As on the demo routers: matchers longer than the column's first width, a long classifier.
	const rules = state.mangle.map(rule => ({
		...rule,
		classifier: rule.classifier.replace('both-addresses-and-ports', 'both-addresses'),
		matchers: rule.action === 'jump' ? 'in=bridge state=new dst-type=!local' : rule.matchers,
	}));
	for (const width of [80, 100, 120, 200]) {
		// In a box of its width, as on the screen: the test terminal is only 100 columns.
		const {lastFrame, unmount} = render(createElement(Box, {width}, createElement(MangleTable, {rules, width, height: 40, scroll: 0})));
		t.after(unmount);
		const frame = lastFrame() ?? '';
		assert.doesNotMatch(frame, /…/, `nothing cut at ${width} columns:\n${frame}`);
		assert.match(frame, /both-a:4\/0/);
		assert.ok(frame.split('\n').every(line => [...line].length <= width), `nothing past ${width} columns`);
		if (width < 100) {
			assert.doesNotMatch(frame, /MATCHERS/, 'where matchers cannot have a useful width, their column gives way');
			continue;
		}
		const words = new Set(frame.split(/\s+/));
		for (const rule of rules) for (const matcher of rule.matchers.split(' ')) assert.ok(words.has(matcher), `${matcher} in full at ${width} columns:\n${frame}`);
		if (width >= 120) assert.match(frame, /in=bridge state=new dst-type=!local +→pcc/, `one line a rule at ${width} columns`);
	}
});

test('without colour each chart series has its own characters, and the legend the same', t => {
	const state = stateFrom(healthyTicks());
	const {lastFrame, unmount} = render(createElement(ColorContext.Provider, {value: false}, createElement(Chart, {wans: state.wans, history: state.history, mode: 'connections', width: 60, height: 12})));
	t.after(unmount);
	const frame = lastFrame() ?? '';
	assert.match(frame.split('\n')[0], /─ wan1 {2}━ wan2 {2}═ wan3/);
	assert.match(frame, /━/, 'wan2 draws heavy');
	assert.match(frame, /═/, 'wan3 draws double');
	const labels = frame.split('\n').slice(1).map(line => /^\s*([\d.]+[kM]?)[┼┤]/.exec(line)?.[1]).filter(Boolean);
	assert.ok(labels.length > 3 && labels.every(label => !label!.includes('.')), `whole numbers on a connections axis: ${labels.join(' ')}`);
});

test('--once groups thousands as the screen does', () => {
	const text = renderReport({
		router: {host: 'h', identity: 'r', version: '7.18', board: 'b', uptime: '1d'}, routeros: 7,
		pcc: {hash: 'both-addresses-and-ports', denominator: 2, wans: [{name: 'wan1', state: 'up', remainders: [0], share: 0.5, actualShare: 0.5, connections: 141_923, connectionMark: 'c', otherConnectionMarks: [], routingMark: 'r', gateways: [], checkGateway: null, interface: null, routeActive: true, netwatch: []}], outputGroup: null, fallbackMainRoute: true, problems: []},
		connections: {total: 283_846, unmarked: 1_002}, status: 'ok', reason: 'fine',
	} as unknown as Parameters<typeof renderReport>[0], {color: false});
	assert.match(text, /141,923 connections/);
	assert.match(text, /283,846 total, 1,002 unmarked/);
});
