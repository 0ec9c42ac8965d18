import {render} from 'ink';
import {initialState, reduce, type MonitorState} from '../monitor/state.js';
import type {MonitorEvent} from '../monitor/types.js';
import {readRecording, RecordingError, type Recorded, type Recording} from '../record/reader.js';
import {Replay, stateAfter} from '../record/replay.js';
import {fullTime} from '../time-text.js';
import {App} from '../ui/App.js';
import {renderReport} from '../ui/report.js';
import {Screen} from '../ui/screen.js';
import {snapshotDocument} from '../ui/snapshot-report.js';
import {UsageError, type CliOptions} from './options.js';

/** The records up to the moment `--at` names: HH:MM:SS (local, on or after the start) or +SECONDS; at least the first poll. */
export function recordsUntil(records: readonly Recorded[], at: string | undefined): number {
	if (at === undefined || records.length === 0) return records.length;
	const start = records[0].at;
	let moment: number;
	const offset = /^\+(\d+(?:\.\d+)?)$/.exec(at);
	const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(at);
	if (offset) moment = start + Number(offset[1]) * 1000;
	else if (time) {
		const day = new Date(start);
		// The whole second named: the moment shown there is its last poll.
		day.setHours(Number(time[1]), Number(time[2]), Number(time[3] ?? 0), 999);
		// A time of day before the start is on the next day: recordings run past midnight.
		moment = day.getTime() < start - 1000 ? day.getTime() + 24 * 3600 * 1000 : day.getTime();
	} else {
		throw new UsageError(`--at takes HH:MM:SS or +SECONDS from the start, e.g. --at 03:12:00 or --at +600 (got "${at}")`);
	}
	const end = records.at(-1)!.at;
	if (moment < start - 1000 || moment > end + 1000) {
		throw new UsageError(`--at ${at} is outside the recording, which runs from ${fullTime(start)} to ${fullTime(end)}`);
	}
	const after = records.findIndex(record => record.at > moment);
	// Before the first poll there is nothing to report: a moment that early reports the first.
	const firstPoll = records.findIndex(record => record.action.type === 'snapshot') + 1;
	return Math.max(after < 0 ? records.length : after, firstPoll);
}

/** Every event the recording's screen showed, in order, with the full list, not the screen's last few. */
export function recordedEvents(records: readonly Recorded[]): MonitorEvent[] {
	const events: MonitorEvent[] = [];
	let state: MonitorState = initialState({intervalMs: 1000});
	for (const record of records) {
		const before = state.events.at(-1);
		state = reduce(state, record.action);
		const shown = state.events;
		// Events are appended at the end; walk back to the one that was newest before.
		let first = shown.length;
		while (first > 0 && shown[first - 1] !== before) first--;
		events.push(...shown.slice(first));
	}
	return events;
}

async function load(file: string): Promise<Recording> {
	let recording: Recording;
	try {
		recording = await readRecording(file);
	} catch (error) {
		if (error instanceof RecordingError) throw new UsageError(error.message);
		throw error;
	}
	if (recording.damage) {
		const where = recording.damage.at === null ? 'before its first record' : `after poll ${recording.damage.polls} (${fullTime(recording.damage.at)})`;
		process.stderr.write(`pccmon: ${file} is cut or damaged ${where}; replaying up to there\n`);
	}
	return recording;
}

/**
 * `pccmon replay FILE`: the live screen on a recording, actions off; `--once [--json]`
 * reports one moment in the shape `--once` reports a router; `--events` prints the events.
 */
export async function runReplay(options: CliOptions, file: string): Promise<number> {
	const recording = await load(file);
	const {records, meta} = recording;
	if (options.replay.events) {
		for (const event of recordedEvents(records)) process.stdout.write(`${fullTime(event.at)}  ${event.severity.padEnd(7)}  ${event.text}\n`);
		return 0;
	}
	if (options.once || !process.stdout.isTTY) {
		const state = stateAfter(records, recordsUntil(records, options.replay.at), meta.intervalMs);
		if (!state.snapshot) throw new UsageError(`${file} holds no poll${options.replay.at ? ` by ${options.replay.at}` : ''}: nothing to report`);
		const document = snapshotDocument(meta.host, state.snapshot, state.intervalMs);
		process.stdout.write(options.json ? `${JSON.stringify(document, null, 2)}\n` : renderReport(document, {color: options.color && process.stdout.isTTY === true, at: state.snapshot.at}));
		return document.status === 'ok' ? 0 : 1;
	}
	if (options.replay.at !== undefined) throw new UsageError('--at goes with --once: pccmon replay FILE --once --at 03:12:00');
	if (records.length === 0) throw new UsageError(`${file} holds no records yet: nothing to replay`);

	const replay = new Replay(records, meta.intervalMs);
	const screen = new Screen(process.stdout, {maxFps: 10});
	screen.open();
	const controls = {refresh() {}, setFrozen: () => replay.togglePlay(), setIntervalMs() {}};
	const app = render(
		<App store={replay.store} controls={controls} color={options.color} now={() => replay.time()} replay={replay} />,
		{stdout: screen.stream, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false, debug: true},
	);
	const onSignal = () => app.unmount();
	process.once('SIGTERM', onSignal);
	try {
		await app.waitUntilExit();
	} finally {
		process.off('SIGTERM', onSignal);
		replay.dispose();
		screen.restore();
	}
	return 0;
}
