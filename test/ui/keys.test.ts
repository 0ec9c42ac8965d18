import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createElement} from 'react';
import {Text, useInput} from 'ink';
import type {ScreenActionContext} from '../../source/ui/actions.js';
import {keyBindings} from '../../source/ui/keys.js';
import {healthyTicks, stateFrom, wan2DownTicks} from './fixtures.js';
import {keys, lineWith, renderApp} from './render.js';

const selectedWan = (frame: string) => /› (wan\d)/.exec(frame)?.[1];

test('down/up and j/k move the selection between WANs, stopping at the ends', async t => {
	const app = renderApp(stateFrom(healthyTicks()));
	t.after(() => app.unmount());
	assert.equal(selectedWan(app.frame()), 'wan1');
	await app.press(keys.down, frame => selectedWan(frame) === 'wan2');
	await app.press('j', frame => selectedWan(frame) === 'wan3');
	app.stdin.write('j');
	await app.press('k', frame => selectedWan(frame) === 'wan2');
	await app.press(keys.up, frame => selectedWan(frame) === 'wan1');
	await app.press(keys.up, frame => selectedWan(frame) === 'wan1');
});

test('tab and shift-tab walk the panes; number keys jump to one', async t => {
	const app = renderApp(stateFrom(wan2DownTicks()));
	t.after(() => app.unmount());
	assert.match(app.frame(), /─ 2 Chart: connections per WAN/);
	await app.press(keys.tab, '▶ 2 Chart');
	await app.press(keys.tab, '▶ 3 Mangle');
	assert.match(app.frame(), /CLASSIFIER/);
	await app.press(keys.shiftTab, '▶ 2 Chart');
	await app.press('4', '▶ 4 Routes & netwatch');
	assert.match(app.frame(), /wan2 +d1 +198\.51\.100\.1 +check=ping +INACTIVE/);
	assert.match(app.frame(), /main +d2 +198\.51\.100\.1 +check=ping +standby/, 'a backup route is not shown as failed');
	assert.match(lineWith(app.frame(), '8.8.8.8'), /DOWN +since 2024-01-02 13:45:00/);
	await app.press('5', '▶ 5 Events');
	assert.match(app.frame(), /\d\d:\d\d:\d\d ✗ wan2 DOWN: no active default route, 412 connections carry its mark/);
	assert.match(app.frame(), /✗ route wan2 0\.0\.0\.0\/0 via 198\.51\.100\.1 inactive/);
	await app.press('6', '▶ 6 Problems (1)');
	assert.match(app.frame(), /! no-inbound-mark:wan3/);
	await app.press('1', frame => !frame.includes('▶'));
});

test('space freezes and unfreezes, and the header says so', async t => {
	const app = renderApp(stateFrom(healthyTicks()));
	t.after(() => app.unmount());
	await app.press(' ', '❚❚ FROZEN (space resumes)');
	await app.press(' ', '● live');
	assert.deepEqual(app.controls.calls, ['frozen true', 'frozen false']);
});

test('r asks the poll loop for a refresh now', async t => {
	const app = renderApp(stateFrom(healthyTicks()));
	t.after(() => app.unmount());
	await app.press('r', 'refreshing now');
	assert.deepEqual(app.controls.calls, ['refresh']);
});

test('c cycles the chart from connections to throughput to new connections/s and back', async t => {
	const app = renderApp(stateFrom(healthyTicks()));
	t.after(() => app.unmount());
	await app.press('c', 'Chart: throughput per WAN, rx+tx bit/s');
	// 2.2 MB per 2 s on wan1, in bits: 8.8 Mbit/s at the top of the axis.
	assert.match(app.frame(), /8\.8M┼/);
	await app.press('c', 'Chart: new connections per second per WAN');
	await app.press('c', 'Chart: connections per WAN');
});

test('+ and - step the refresh interval, never below half a second', async t => {
	const app = renderApp(stateFrom(healthyTicks()));
	t.after(() => app.unmount());
	await app.press('+', 'every 5s');
	await app.press('-', 'every 2s');
	await app.press('-', 'every 1s');
	await app.press('-', 'every 0.5s');
	await app.press('-', 'refresh every 0.5s');
	assert.deepEqual(app.controls.calls, ['interval 5000', 'interval 2000', 'interval 1000', 'interval 500', 'interval 500']);
});

test('? lists every key; any key closes the help', async t => {
	const app = renderApp(stateFrom(healthyTicks()), {rows: 30});
	t.after(() => app.unmount());
	const frame = await app.press('?', 'Keys (any key closes)');
	assert.match(frame, /^─ Keys \(any key closes\) ─+$/m, 'its title rule runs to the edge, not to an ellipsis');
	for (const {keys: key, what} of keyBindings) assert.ok(frame.includes(key) && frame.includes(what), `help lists ${key}: ${what}`);
	await app.press('x', frame => !frame.includes('Keys (any key closes)'));
	assert.deepEqual(app.controls.calls, [], 'the closing key did nothing else');
});

test('the README\'s keys table is the one the keys are dispatched from', () => {
	const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
	for (const {keys: key, what} of keyBindings) {
		assert.ok(readme.includes(`| \`${key.replace(/\s+/g, ' ')}\` | ${what} |`), `README lists ${key}: ${what}`);
	}
});

test('f, w and u say the action is not available when no actions are plugged in, in product words', async t => {
	const app = renderApp(stateFrom(healthyTicks()));
	t.after(() => app.unmount());
	await app.press('f', 'flush is not available here');
	await app.press('j', frame => !frame.includes('not available'));
	await app.press('w', 'weights is not available here');
	await app.press('j', frame => !frame.includes('not available'));
	await app.press('u', 'undo is not available here');
	assert.doesNotMatch(app.frame(), /issue/);
});

test('read-only refuses f, w and u with the reason', async t => {
	const app = renderApp(stateFrom(healthyTicks(), {readOnly: '--read-only'}), {actions: {flush: () => assert.fail('flush ran in read-only mode')}});
	t.after(() => app.unmount());
	await app.press('f', 'read-only (--read-only): flush is off');
});

/** A stand-in dialog: shows the WAN it was opened for and closes on esc, logging an action. */
function Dialog({context}: {context: ScreenActionContext}) {
	useInput((input, key) => {
		if (key.escape) {
			context.report(`flushed ${context.wan?.name}: removed 412 of 412`, 'good');
			context.closeDialog();
		}
	});
	return createElement(Text, null, `DIALOG for ${context.wan?.name} (${context.wan?.stuck} stuck)`);
}

test('an action handler gets the selected WAN, opens a dialog that owns the keyboard, and logs to events', async t => {
	const app = renderApp(stateFrom(wan2DownTicks()), {
		actions: {flush: context => context.openDialog(createElement(Dialog, {context}))},
	});
	t.after(() => app.unmount());
	// wan2's warning put the selection on wan2.
	await app.press('', frame => selectedWan(frame) === 'wan2');
	await app.press('f', 'DIALOG for wan2 (412 stuck)');
	// Keys go to the dialog, not the screen: j does not move the selection, q does not quit.
	app.stdin.write('j');
	app.stdin.write('q');
	await app.press(keys.escape, frame => !frame.includes('DIALOG'));
	assert.equal(selectedWan(app.frame()), 'wan2');
	assert.ok(app.listening());
	await app.press('5', '✓ flushed wan2: removed 412 of 412');
});

test('j then f in one read flushes the WAN j selected, not the one before', async t => {
	const flushed: Array<string | undefined> = [];
	const app = renderApp(stateFrom(wan2DownTicks()), {actions: {flush: context => flushed.push(context.wan?.name)}});
	t.after(() => app.unmount());
	await app.press(keys.up, frame => selectedWan(frame) === 'wan1');
	// Over SSH a quick "j f" reaches pccmon as one chunk, before the screen redraws.
	app.stdin.write('jf');
	await app.press('', frame => selectedWan(frame) === 'wan2');
	assert.deepEqual(flushed, ['wan2']);
});

test('a key that closes the help is only that key: "x j" in one read closes it and selects wan2', async t => {
	const app = renderApp(stateFrom(healthyTicks()), {rows: 30});
	t.after(() => app.unmount());
	await app.press('?', 'Keys (any key closes)');
	app.stdin.write('xj');
	await app.press('', frame => !frame.includes('Keys (any key closes)') && selectedWan(frame) === 'wan2');
});

test('q quits, and so does ctrl-c', async t => {
	for (const key of ['q', keys.ctrlC]) {
		const app = renderApp(stateFrom(healthyTicks()));
		t.after(() => app.unmount());
		assert.ok(app.listening());
		app.stdin.write(key);
		for (let i = 0; i < 100 && app.listening(); i++) await new Promise(resolve => setImmediate(resolve));
		assert.equal(app.listening(), false, `${JSON.stringify(key)} should quit`);
	}
});
