import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createElement} from 'react';
import {render} from 'ink-testing-library';
import type {FlushProgress, FlushResult} from '../../../source/actions/flush.js';
import {FlushDialog, type FlushOutcome, type FlushScopeChoice} from '../../../source/ui/actions/flush-dialog.js';
import {frameWith, keys} from './frames.js';

const counts = {total: 12_400, tcp: 10_000, udp: 2_300, icmp: 100, other: 0};

function setup(options: {routeDown?: boolean; hold?: boolean} = {}) {
	const calls: FlushScopeChoice[] = [];
	let release: (() => void) | undefined;
	let seenSignal: AbortSignal | undefined;
	let finish: (outcome: FlushOutcome | null) => void = () => {};
	const done = new Promise<FlushOutcome | null>(resolve => (finish = resolve));
	const flush = async (scope: FlushScopeChoice, signal: AbortSignal, onProgress: (progress: FlushProgress) => void): Promise<FlushResult> => {
		calls.push(scope);
		seenSignal = signal;
		const total = scope === 'stuck' ? 412 : 12_400;
		onProgress({total, removed: 6_000, alreadyGone: 20});
		if (options.hold) await new Promise<void>(resolve => (release = resolve));
		return {scope, total, removed: signal.aborted ? 6_000 : total - 55, alreadyGone: signal.aborted ? 20 : 55, remaining: 0, cancelled: signal.aborted};
	};
	const instance = render(createElement(FlushDialog, {
		wan: 'wan2',
		mark: 'wan2_conn',
		routeDown: options.routeDown ?? false,
		loadCounts: async () => counts,
		loadStuck: async () => 412,
		flush,
		onDone: finish,
	}));
	return {...instance, calls, done, release: () => release?.(), signal: () => seenSignal};
}

test('the dialog shows the count by protocol and the default answer No does nothing', async () => {
	const dialog = setup();
	const frame = await frameWith(dialog.lastFrame, '[y/N]');
	assert.match(frame, /12,400 connections carry the mark: tcp 10,000 · udp 2,300 · icmp 100/);
	dialog.stdin.write(keys.enter);
	assert.equal(await dialog.done, null);
	assert.deepEqual(dialog.calls, []);
	dialog.unmount();
});

test('y removes them with a progress bar and ends with the result line for the events pane', async () => {
	const dialog = setup({hold: true});
	await frameWith(dialog.lastFrame, '[y/N]');
	dialog.stdin.write('y');
	const running = await frameWith(dialog.lastFrame, 'removed 6,000 of 12,400');
	assert.match(running, /█+░+/);
	assert.match(running, /20 had already closed/);
	dialog.release();
	const outcome = await dialog.done;
	assert.equal(outcome?.line, 'flush wan2: removed 12,345 of 12,400; 55 had already closed');
	assert.deepEqual(dialog.calls, ['all']);
	dialog.unmount();
});

test('esc while removing cancels the flush', async () => {
	const dialog = setup({hold: true});
	await frameWith(dialog.lastFrame, '[y/N]');
	dialog.stdin.write('y');
	await frameWith(dialog.lastFrame, 'esc cancels');
	dialog.stdin.write(keys.escape);
	await frameWith(dialog.lastFrame, 'cancelling');
	assert.equal(dialog.signal()?.aborted, true);
	dialog.release();
	const outcome = await dialog.done;
	assert.match(outcome?.line ?? '', /cancelled/);
	dialog.unmount();
});

test('with the route down it offers only the stuck ones first, and tab switches to all', async () => {
	const dialog = setup({routeDown: true});
	let frame = await frameWith(dialog.lastFrame, 'only stuck (412)');
	assert.match(frame, /Remove 412 connections\?/);
	dialog.stdin.write(keys.tab);
	assert.match(frame, /the other 11,988 left by another WAN and work/);
	frame = await frameWith(dialog.lastFrame, 'Remove 12,400 connections?');
	dialog.stdin.write(keys.tab);
	await frameWith(dialog.lastFrame, 'Remove 412 connections?');
	dialog.stdin.write('y');
	await dialog.done;
	assert.deepEqual(dialog.calls, ['stuck']);
	dialog.unmount();
});

test('y counts again and says the number that will go, when it differs from the one asked about', async () => {
	let finish: (outcome: FlushOutcome | null) => void = () => {};
	const done = new Promise<FlushOutcome | null>(resolve => (finish = resolve));
	let release: () => void = () => {};
	const dialog = render(createElement(FlushDialog, {
		wan: 'wan2',
		mark: 'wan2_conn',
		routeDown: false,
		loadCounts: async () => ({total: 393, tcp: 393, udp: 0, icmp: 0, other: 0}),
		flush: async (scope, _signal, onProgress) => {
			onProgress({total: 488, removed: 0, alreadyGone: 0});
			await new Promise<void>(resolve => (release = resolve));
			return {scope, total: 488, removed: 488, alreadyGone: 0, remaining: 0, cancelled: false};
		},
		onDone: finish,
	}));
	const asked = await frameWith(dialog.lastFrame, 'Remove 393 connections?');
	assert.match(asked, /Flush wan2 \(wan2_conn\)/, 'the title names the WAN and its mark');
	dialog.stdin.write('y');
	await frameWith(dialog.lastFrame, 'Removing 488 connections, counted as you confirmed (393 when asked).');
	release();
	assert.equal((await done)?.line, 'flush wan2: removed 488 of 488');
	dialog.unmount();
});

test('esc says nothing more is sent and what it waits for: the batches already sent', async () => {
	let finish: (outcome: FlushOutcome | null) => void = () => {};
	const done = new Promise<FlushOutcome | null>(resolve => (finish = resolve));
	let release: () => void = () => {};
	const dialog = render(createElement(FlushDialog, {
		wan: 'wan2',
		mark: 'wan2_conn',
		routeDown: false,
		loadCounts: async () => counts,
		flush: async (scope, signal, onProgress) => {
			onProgress({total: 12_400, removed: 4_000, alreadyGone: 0, inFlight: 3});
			await new Promise<void>(resolve => (release = resolve));
			return {scope, total: 12_400, removed: 7_000, alreadyGone: 0, remaining: 5_400, cancelled: signal.aborted, inFlightAtCancel: {batches: 3, removed: 3_000}};
		},
		onDone: finish,
	}));
	await frameWith(dialog.lastFrame, '[y/N]');
	dialog.stdin.write('y');
	await frameWith(dialog.lastFrame, 'esc cancels');
	dialog.stdin.write(keys.escape);
	await frameWith(dialog.lastFrame, 'nothing more is sent; waiting for the 3 batches already sent');
	release();
	assert.equal((await done)?.line, 'flush wan2: removed 7,000 of 12,400; cancelled; the 3 batches already sent then removed 3,000 of them; 5,400 still carry the mark');
	dialog.unmount();
});

test('a double y flushes once, whether the two come in one read or two before a redraw', async () => {
	for (const presses of [['yy'], ['y', 'y']]) {
		const dialog = setup();
		await frameWith(dialog.lastFrame, '[y/N]');
		for (const press of presses) dialog.stdin.write(press);
		const outcome = await dialog.done;
		assert.equal(outcome?.line, 'flush wan2: removed 12,345 of 12,400; 55 had already closed', `${presses.join(' then ')}`);
		assert.deepEqual(dialog.calls, ['all'], `${presses.join(' then ')}: one flush`);
		dialog.unmount();
	}
});
