import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {readRecording} from '../source/record/reader.js';
import {cliPath} from './dist.js';
import {cpuSeconds} from './proc.js';
import {hasData, PtyRun, startSimProcess} from './terminal.js';

export interface RecorderCost {
	rounds: number;
	/** Summed over the rounds. */
	windowMs: number;
	warmupMs: number;
	/** CPU of the live screens recording to a file, and of those with --no-record, as shares of one core. */
	recordingCpuPercent: number;
	plainCpuPercent: number;
	/** Growth of the files over the windows, and the polls recorded in them. */
	bytes: number;
	polls: number;
	/** A file when its screen first showed data: the header and the first poll, which carries the configuration. */
	firstDataBytes: number;
}

const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

interface Round {
	windowMs: number;
	warmupMs: number;
	cpuSeconds: {recording: number; plain: number};
	bytes: number;
	polls: number;
	firstDataBytes: number;
}

/** The file's size once it holds the first poll's record. */
async function firstPollWritten(file: string): Promise<number> {
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		const {records} = await readRecording(file);
		if (records.some(record => record.action.type === 'snapshot')) return statSync(file).size;
		await wait(20);
	}
	throw new Error(`no poll recorded in ${file} within 10 s`);
}

/** One pair of live screens on the same router, the recording one started first or second. */
async function round(address: string, file: string, recordingFirst: boolean, windowMs: number, warmupMs: number): Promise<Round> {
	const env = {PCCMON_PASSWORD: ''};
	const commands = [`--record ${file}`, '--no-record'].map(flag => `node ${cliPath} ${address} --interval 1 ${flag}`);
	const runs = (recordingFirst ? commands : commands.toReversed()).map(command => new PtyRun(command, env));
	const [recording, plain] = recordingFirst ? runs : runs.toReversed();
	try {
		await Promise.all(runs.map(run => run.until(() => hasData(run), 30_000, 'WAN rows with data')));
		// The screen may draw the first poll before its record is through the compressor.
		const firstDataBytes = await firstPollWritten(file);
		const warmStart = performance.now();
		await wait(warmupMs);
		const cpu = () => ({recording: cpuSeconds(recording.pid!), plain: cpuSeconds(plain.pid!)});
		const start = {at: performance.now(), clock: Date.now(), cpu: cpu(), size: statSync(file).size};
		await wait(windowMs);
		const end = {at: performance.now(), clock: Date.now(), cpu: cpu(), size: statSync(file).size};
		const {records} = await readRecording(file);
		const polls = records.filter(record => record.action.type === 'snapshot' && record.at > start.clock && record.at <= end.clock).length;
		return {
			windowMs: end.at - start.at,
			warmupMs: start.at - warmStart,
			cpuSeconds: {recording: end.cpu.recording - start.cpu.recording, plain: end.cpu.plain - start.cpu.plain},
			bytes: end.size - start.size,
			polls,
			firstDataBytes,
		};
	} finally {
		await Promise.all(runs.map(run => run.quit()));
	}
}

/**
 * Pairs of live screens side by side on pseudo-terminals of the terminal figure's size,
 * watching the same `pccmon sim` (three WANs) at 1 s refresh: one with `--record FILE`, one
 * with `--no-record`. After the terminal figure's warm-up, the CPU of each and the file's
 * growth over `windowMs`; the polls in the window are counted from the file itself. Two
 * rounds, the recording screen started first, then second: of two equal screens side by
 * side, one can use a tenth more CPU than the other over minutes.
 */
export async function recorderCost(windowMs: number, warmupMs: number): Promise<RecorderCost> {
	const folder = mkdtempSync(join(tmpdir(), 'pccmon-bench-record-'));
	const sim = await startSimProcess();
	try {
		const rounds = [
			await round(sim.address, join(folder, 'first.pccrec'), true, windowMs, warmupMs),
			await round(sim.address, join(folder, 'second.pccrec'), false, windowMs, warmupMs),
		];
		const sum = (pick: (round: Round) => number) => rounds.reduce((total, each) => total + pick(each), 0);
		const measuredMs = sum(each => each.windowMs);
		return {
			rounds: rounds.length,
			windowMs: measuredMs,
			warmupMs: rounds[0].warmupMs,
			recordingCpuPercent: (sum(each => each.cpuSeconds.recording) * 1000 * 100) / measuredMs,
			plainCpuPercent: (sum(each => each.cpuSeconds.plain) * 1000 * 100) / measuredMs,
			bytes: sum(each => each.bytes),
			polls: sum(each => each.polls),
			firstDataBytes: rounds[0].firstDataBytes,
		};
	} finally {
		sim.child.kill('SIGTERM');
		rmSync(folder, {recursive: true, force: true});
	}
}
