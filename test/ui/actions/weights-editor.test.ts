import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createElement} from 'react';
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {WeightsEditor, type WeightsApplied, type WeightsEditorOutcome, type WeightsPreview} from '../../../source/ui/actions/weights-editor.js';
import {DialogSize} from '../../../source/ui/actions.js';
import {frameWhere, frameWith, keys} from './frames.js';

/** A stand-in for the planner: buckets dealt in WAN order, one diff line per WAN. */
function preview(weights: Record<string, number>): WeightsPreview {
	const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
	if (total === 0) return {ok: false, error: 'at least one WAN must keep a weight above 0'};
	let next = 0;
	const buckets = Object.fromEntries(Object.entries(weights).map(([name, weight]) => [name, Array.from({length: weight}, () => next++)]));
	return {ok: true, denominator: total, buckets, diff: Object.keys(weights).map(name => `+ ${name} :${total}/…`)};
}

// The result says when the router changed, as the screen shows times: local, here UTC.
process.env.TZ = 'UTC';

/** When the fake router changed; the editor must carry it to the event however long the result shows. */
const changedAt = 1_700_000_000_000;

function setup(result: WeightsApplied = {ok: true, line: 'weights now wan1=2 wan2=1', differences: [], at: changedAt}) {
	const applied: Array<Record<string, number>> = [];
	let finish: (outcome: WeightsEditorOutcome | null) => void = () => {};
	const done = new Promise<WeightsEditorOutcome | null>(resolve => (finish = resolve));
	const instance = render(createElement(WeightsEditor, {
		wans: [{name: 'wan1', weight: 1}, {name: 'wan2', weight: 1}],
		preview,
		apply: async (weights, onStep) => {
			applied.push(weights);
			onStep(1, 2);
			return result;
		},
		onDone: finish,
	}));
	return {...instance, applied, done};
}

test('typing a weight shows the buckets, shares and rule diff; enter asks and y applies it', async () => {
	const editor = setup();
	await frameWith(editor.lastFrame, 'buckets 0/2  50%');
	editor.stdin.write('2');
	const frame = await frameWith(editor.lastFrame, '(was 1)');
	assert.match(frame, /wan1\s+2 \(was 1\)\s+buckets 0,1\/3\s+66\.7%/);
	assert.match(frame, /wan2\s+1\s+buckets 2\/3\s+33\.3%/);
	assert.match(frame, /Rule changes/);
	assert.match(frame, /Only new connections follow new weights/);
	editor.stdin.write(keys.enter);
	await frameWith(editor.lastFrame, '[y/N]');
	editor.stdin.write('y');
	const applied = await frameWith(editor.lastFrame, 'weights now wan1=2 wan2=1');
	assert.match(applied, /weights now wan1=2 wan2=1 \(at 2023-11-14 22:13:20\)/, 'a change not made today shows its date');
	assert.deepEqual(editor.applied, [{wan1: 2, wan2: 1}]);
	editor.stdin.write('x');
	assert.deepEqual(await editor.done, {line: 'weights now wan1=2 wan2=1', at: changedAt, flush: undefined});
	editor.unmount();
});

test('0 drains a WAN and the editor then offers to flush it', async () => {
	const editor = setup({ok: true, line: 'weights now wan1=1 wan2=0', differences: []});
	await frameWith(editor.lastFrame, 'buckets 0/2');
	editor.stdin.write(keys.down);
	await frameWith(editor.lastFrame, '› wan2');
	editor.stdin.write('0');
	await frameWith(editor.lastFrame, 'drained: no new connections');
	editor.stdin.write(keys.enter);
	await frameWith(editor.lastFrame, '[y/N]');
	editor.stdin.write('y');
	await frameWith(editor.lastFrame, "f flushes wan2's connections");
	editor.stdin.write('f');
	assert.deepEqual(await editor.done, {line: 'weights now wan1=1 wan2=0', at: undefined, flush: 'wan2'});
	editor.unmount();
});

test('every WAN at 0 is refused, and enter then does nothing', async () => {
	const editor = setup();
	await frameWith(editor.lastFrame, 'buckets 0/2');
	editor.stdin.write('0');
	await frameWith(editor.lastFrame, 'drained');
	editor.stdin.write(keys.down);
	await frameWith(editor.lastFrame, '› wan2');
	editor.stdin.write('0');
	await frameWith(editor.lastFrame, 'at least one WAN must keep a weight');
	editor.stdin.write(keys.enter);
	editor.stdin.write(keys.escape);
	assert.equal(await editor.done, null);
	assert.deepEqual(editor.applied, []);
	editor.unmount();
});

test('a failed apply shows its line and the differences the router reads back', async () => {
	const editor = setup({ok: false, line: 'change 2 of 3 failed; the rules were put back as they were', differences: ['wan1: 1/2 of the buckets']});
	await frameWith(editor.lastFrame, 'buckets 0/2');
	editor.stdin.write('+');
	await frameWith(editor.lastFrame, '(was 1)');
	editor.stdin.write(keys.enter);
	await frameWith(editor.lastFrame, '[y/N]');
	editor.stdin.write('y');
	const frame = await frameWith(editor.lastFrame, 'put back as they were');
	assert.match(frame, /wan1: 1\/2 of the buckets/);
	editor.unmount();
});

test('a long rule diff is cut to the rows the dialog has, keeping the keys in view', async () => {
	const longPreview = (weights: Record<string, number>): WeightsPreview => {
		const plan = preview(weights);
		return plan.ok ? {...plan, diff: Array.from({length: 20}, (_, index) => `- prerouting both-addresses-and-ports:10/${index} -> wan1_conn  "a comment long enough to need truncating"`)} : plan;
	};
	const rows = 16;
	const editor = render(createElement(DialogSize.Provider, {value: {rows, columns: 80}},
		createElement(Box, {width: 80, height: rows, flexDirection: 'column', overflow: 'hidden'},
			createElement(WeightsEditor, {wans: [{name: 'wan1', weight: 1}, {name: 'wan2', weight: 1}], preview: longPreview, apply: async () => ({ok: true, line: '', differences: []}), onDone: () => {}}))));
	editor.stdin.write('2');
	const frame = await frameWith(editor.lastFrame, 'more lines');
	const lines = frame.split('\n');
	assert.ok(lines.length <= rows, `${lines.length} rows in a dialog of ${rows}`);
	assert.match(frame, /PCC weights/, 'the title stays');
	assert.match(frame, /enter reviews · esc cancels/, 'the keys stay in view');
	assert.match(frame, /… \d+ more lines/);
	for (const line of lines) assert.ok(line.length <= 80, `wider than the dialog: ${line}`);
	editor.unmount();
});

test('at 80 columns a drained WAN and every rule change shown are said whole, never cut', async () => {
	const comment = '"PCC LAN->WAN2, the second uplink"  (keeps its connections until they close)';
	const wordyPreview = (weights: Record<string, number>): WeightsPreview => {
		const plan = preview(weights);
		return plan.ok ? {...plan, diff: [`- prerouting both-addresses-and-ports:2/1 -> wan2_conn  ${comment}`]} : plan;
	};
	const editor = render(createElement(DialogSize.Provider, {value: {rows: 18, columns: 80}},
		createElement(Box, {width: 80, flexDirection: 'column'},
			createElement(WeightsEditor, {wans: [{name: 'wan1', weight: 1}, {name: 'wan2-fibre-backup', weight: 1}], initial: 'wan2-fibre-backup', preview: wordyPreview, apply: async () => ({ok: true, line: '', differences: []}), onDone: () => {}}))));
	editor.stdin.write('0');
	const frame = await frameWith(editor.lastFrame, 'drained');
	assert.doesNotMatch(frame, /…/, 'nothing cut');
	assert.match(frame, /wan2-fibre-backup +0 \(was 1\) +buckets -\/1 +0% +drained: no new connections/, 'the shorter wording where the long one does not fit');
	assert.match(frame.replace(/\s*│\s*/g, ' '), /\(keeps its connections until they close\)/, 'the rule change wraps whole');
	editor.unmount();
});

test('keys arriving in one read each see what the one before changed', async () => {
	const editor = setup();
	await frameWith(editor.lastFrame, 'buckets 0/2');
	// Over SSH a fast "down, 3" reaches pccmon as one chunk, before the editor redraws.
	editor.stdin.write(`${keys.down}3`);
	const frame = await frameWith(editor.lastFrame, '(was 1)');
	assert.match(frame, /wan1\s+1\s+buckets/, 'wan1 keeps its weight');
	assert.match(frame, /wan2\s+3 \(was 1\)/, 'the digit went to the WAN the arrow selected');
	editor.stdin.write(keys.enter);
	await frameWith(editor.lastFrame, '[y/N]');
	// Two y before a redraw (a double press): the second must not apply again.
	editor.stdin.write('y');
	editor.stdin.write('y');
	await frameWith(editor.lastFrame, 'weights now');
	assert.deepEqual(editor.applied, [{wan1: 1, wan2: 3}], 'a second y before the redraw applies nothing twice');
	editor.unmount();
});

test('a two-digit weight typed quickly arrives as one string and still counts', async () => {
	const editor = setup();
	await frameWith(editor.lastFrame, 'buckets 0/2');
	editor.stdin.write('12');
	const frame = await frameWith(editor.lastFrame, '(was 1)');
	assert.match(frame, /wan1\s+12 \(was 1\)/);
	editor.unmount();
});

test('enter shows the plan and asks, No by default: n goes back to editing and nothing is applied', async () => {
	const editor = setup();
	await frameWith(editor.lastFrame, 'buckets 0/2');
	editor.stdin.write('2');
	await frameWith(editor.lastFrame, '(was 1)');
	editor.stdin.write(keys.enter);
	const asking = await frameWith(editor.lastFrame, '[y/N]');
	assert.match(asking, /Rule changes/);
	assert.match(asking, /Apply these rule changes \(wan1=2 wan2=1\)\?/);
	editor.stdin.write('n');
	await frameWith(editor.lastFrame, 'enter reviews');
	assert.deepEqual(editor.applied, []);
	editor.stdin.write(keys.escape);
	assert.equal(await editor.done, null);
	editor.unmount();
});

test('the editor opens on the WAN selected on the screen', async () => {
	const instance = render(createElement(WeightsEditor, {
		wans: [{name: 'wan1', weight: 1}, {name: 'wan2', weight: 1}],
		initial: 'wan2',
		preview,
		apply: async () => ({ok: true, line: '', differences: []}),
		onDone: () => {},
	}));
	await frameWith(instance.lastFrame, '› wan2');
	instance.stdin.write('3');
	const frame = await frameWith(instance.lastFrame, '(was 1)');
	assert.match(frame, /wan2\s+3 \(was 1\)/);
	instance.unmount();
});

test('digits make the weight as typed: 1 2 0 is 120, not a silent cap', async () => {
	const editor = setup();
	await frameWith(editor.lastFrame, 'buckets 0/2');
	editor.stdin.write('1');
	editor.stdin.write('2');
	editor.stdin.write('0');
	const frame = await frameWith(editor.lastFrame, '(was 1)');
	assert.match(frame, /wan1\s+120 \(was 1\)/);
	editor.stdin.write('00');
	const limited = await frameWith(editor.lastFrame, 'a weight is at most 9999');
	assert.match(limited, /wan1\s+1200 \(was 1\)/);
	editor.unmount();
});

test('two backspaces in one read both act: 120 becomes 1, not 12', async () => {
	const editor = setup();
	await frameWith(editor.lastFrame, 'buckets 0/2');
	editor.stdin.write('120');
	await frameWith(editor.lastFrame, '120 (was 1)');
	// A fast typist or a paste over SSH: both DEL bytes in one chunk, one input for Ink.
	editor.stdin.write(keys.backspace + keys.backspace);
	const frame = await frameWhere(editor.lastFrame, text => !text.includes('(was 1)'), 'wan1 back at 1');
	assert.match(frame, /wan1\s+1\s+buckets 0\/2/);
	editor.unmount();
});

test('digits and enter in one read: the weight is typed, then the plan is asked about', async () => {
	const editor = setup();
	await frameWith(editor.lastFrame, 'buckets 0/2');
	editor.stdin.write(`3${keys.enter}`);
	const asking = await frameWith(editor.lastFrame, '[y/N]');
	assert.match(asking, /Apply these rule changes \(wan1=3 wan2=1\)\?/);
	assert.deepEqual(editor.applied, [], 'enter only asks');
	editor.unmount();
});
