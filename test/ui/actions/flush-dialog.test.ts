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
