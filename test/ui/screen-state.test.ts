import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createElement} from 'react';
import {Text} from 'ink';
import {reduce} from '../../source/monitor/state.js';
import type {Problem} from '../../source/pcc/types.js';
import {findingsText} from '../../source/ui/Header.js';
import {healthyTicks, stateFrom, wan2DownTicks} from './fixtures.js';
import {keys, lineWith, renderApp} from './render.js';

const hintLine = (frame: string) => frame.split('\n').at(-1) ?? '';

test('the header counts the findings by severity and says which key shows them', async t => {
	const app = renderApp(stateFrom(wan2DownTicks()));
	t.after(() => app.unmount());
	assert.match(lineWith(app.frame(), '● live'), /every 2s {2}1 warning — 6 shows them/);
	const shown = await app.press('6', '▶ 6 Problems');
	assert.match(lineWith(shown, '● live'), /1 warning$/, 'with the problems in view the count stays, the hint goes');
	const problem = (severity: Problem['severity']): Problem => ({code: 'unassigned-bucket', subject: '', severity, message: 'm'});
	assert.equal(findingsText([problem('error'), problem('error'), ...Array.from({length: 8}, () => problem('warning'))], false), '2 errors 8 warnings — 6 shows them');
	assert.equal(findingsText([], false), '');
});

test('the hint line offers only the keys that work: no flush in read-only mode or inside a dialog', async t => {
	const live = renderApp(stateFrom(healthyTicks()), {columns: 120});
	t.after(() => live.unmount());
	assert.match(hintLine(live.frame()), /f flush {2}w weights/);
	assert.doesNotMatch(hintLine(live.frame()), /esc/, 'esc has nothing to clear');
	const readOnly = renderApp(stateFrom(healthyTicks(), {readOnly: '--read-only'}), {columns: 120});
	t.after(() => readOnly.unmount());
	assert.doesNotMatch(hintLine(readOnly.frame()), /flush|weights/);
	assert.match(hintLine(readOnly.frame()), /q quit {2}\? help/);
	const dialog = renderApp(stateFrom(healthyTicks()), {columns: 120, actions: {flush: context => context.openDialog(createElement(Text, null, 'THE DIALOG'))}});
	t.after(() => dialog.unmount());
	const open = await dialog.press('f', 'THE DIALOG');
	assert.doesNotMatch(hintLine(open), /flush|freeze|help/, 'the dialog says its own keys');
});

test('/ filters the events and mangle panes as it is typed; enter keeps it, esc clears it', async t => {
	let state = stateFrom(wan2DownTicks());
	for (let i = 0; i < 6; i++) state = reduce(state, {type: 'action', at: state.snapshot!.at, text: `checked wan${1 + (i % 3)}`});
	const app = renderApp(state, {columns: 100, rows: 50});
	t.after(() => app.unmount());
	assert.match(app.frame(), /checked wan1/);
	await app.press('/', '/▏  enter keeps  esc clears');
	const typed = await app.press('wan3', '/wan3▏');
	assert.doesNotMatch(typed, /checked wan1|netwatch 8\.8\.8\.8 down/, 'events without wan3 are hidden');
	assert.match(typed, /checked wan3/);
	assert.match(typed, /Events \(filter "wan3": 2 of \d+\)/);
	assert.match(typed, /Mangle \(filter "wan3": 2 of 8\)/);
	assert.doesNotMatch(typed, /→wan1_conn/, 'rules without wan3 are hidden');
	assert.match(typed, /→wan3_conn/);
	const kept = await app.press('\r', frame => hintLine(frame).includes('esc unfilter'));
	assert.match(kept, /Events \(filter "wan3"/);
	await app.press('j', frame => frame.includes('› wan2'));
	assert.match(app.frame(), /Events \(filter "wan3"/, 'other keys work again with the filter kept');
	const cleared = await app.press(keys.escape, frame => !frame.includes('filter "wan3"'));
	assert.match(cleared, /checked wan1/);
});

test('keys typed into the filter in one read each act: two backspaces take two characters', async t => {
	const app = renderApp(stateFrom(wan2DownTicks()), {columns: 100, rows: 50});
	t.after(() => app.unmount());
	await app.press('/', '/▏  enter keeps  esc clears');
	await app.press('wan3', '/wan3▏');
	// Both DEL bytes in one chunk, as a fast typist or a paste over SSH sends them.
	const erased = await app.press('\u007F\u007F', frame => /\/wa▏/.test(frame));
	assert.match(erased, /Events \(filter "wa"/);
	const kept = await app.press('n2\r', frame => hintLine(frame).includes('esc unfilter'));
	assert.match(kept, /Events \(filter "wan2"/, 'the characters before enter in the same read are kept');
});

test('a long message wraps instead of losing its end', async t => {
	const text = 'flush is not possible now: the router has not been read yet, wait for the first poll to finish and try again in /root/.local/state/pccmon';
	const app = renderApp(stateFrom(healthyTicks()), {actions: {flush: context => context.notify(text)}});
	t.after(() => app.unmount());
	const frame = await app.press('f', 'try again');
	assert.match(frame.replace(/\n/g, ' '), /in \/root\/\.local\/state\/pccmon/);
	assert.ok(frame.split('\n').length <= 24);
});

test('a link error is shown in full under the header, whatever its length', t => {
	let state = stateFrom(healthyTicks());
	const error = '127.0.0.1:1 refused the connection: is the API service enabled? /ip service enable api';
	state = reduce(state, {type: 'link', link: {kind: 'reconnecting', attempt: 2, error}, at: state.snapshot!.at + 1000});
	const app = renderApp(state, {columns: 60, rows: 20});
	t.after(() => app.unmount());
	const lines = app.frame().split('\n');
	assert.match(lines.slice(2, 4).join(' '), /refused the connection: is the API service enabled\? \/ip service enable api/);
	assert.ok(lines.every(line => [...line].length <= 60));
});
