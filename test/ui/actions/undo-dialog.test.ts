import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {UndoDialog, type UndoResult} from '../../../source/ui/actions/undo-dialog.js';
import {frameWith} from './frames.js';

function setup() {
	let runs = 0;
	const closed: Array<UndoResult | null> = [];
	let first: (result: UndoResult | null) => void = () => {};
	const done = new Promise<UndoResult | null>(resolve => (first = resolve));
	const instance = render(createElement(UndoDialog, {
		change: 'the weights change of 21:37:41 by admin (weights now wan1=2 wan2=1)',
		rules: ['prerouting both-addresses-and-ports:2/0 -> wan1_conn'],
		run: async () => {
			runs++;
			return {ok: true, line: 'the PCC rules are back as they were'};
		},
		onDone: result => {
			closed.push(result);
			first(result);
		},
	}));
	return {...instance, runs: () => runs, closed, done};
}

test('a double y undoes once, whether the two come in one read or two before a redraw', async () => {
	for (const presses of [['yy'], ['y', 'y']]) {
		const dialog = setup();
		await frameWith(dialog.lastFrame, '[y/N]');
		for (const press of presses) dialog.stdin.write(press);
		await frameWith(dialog.lastFrame, 'back as they were');
		assert.equal(dialog.runs(), 1, `${presses.join(' then ')}: one undo`);
		assert.deepEqual(dialog.closed, [], `${presses.join(' then ')}: the result stays until a key closes it`);
		dialog.unmount();
	}
});

test('any key but y leaves the rules alone', async () => {
	const dialog = setup();
	await frameWith(dialog.lastFrame, '[y/N]');
	dialog.stdin.write('ny');
	assert.equal(await dialog.done, null);
	assert.deepEqual(dialog.closed, [null], 'closed once');
	assert.equal(dialog.runs(), 0, 'the y after the n answers nothing');
	dialog.unmount();
});
