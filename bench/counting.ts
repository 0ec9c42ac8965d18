/**
 * pccmon's live screen against a router that pays for walking its connection table: the
 * simulator in its own process on a real clock (connections open and close meanwhile), with
 * a scan rate, watched at a 1 s refresh in a pseudo-terminal. Measured from the router's
 * side (time spent walking, when each count was asked for) and from the screen (the counts
 * shown beside the true ones at the same moment).
 */
import {cliPath} from './dist.js';
import {SimProcess} from './sim-process.js';
import type {Walks} from './sim-protocol.js';
import {PtyRun} from './terminal.js';

const scenario = 'three-wan-weighted';
const wans = ['wan1', 'wan2', 'wan3'];
/** Walks asked for closer together than this are one count (total, unmarked, one per mark). */
const roundGapMs = 100;

export interface CountingRun {
	/** Whether pccmon spaced its counts out (PCCMON_COUNT_EVERY_POLL unset). */
	adaptive: boolean;
	windowMs: number;
	/** Router time on walks over the window, as a share of it. */
	routerShare: number;
	/** Mean time between counts the router saw over the window. */
	countIntervalMs: number;
	counts: number;
	/** Screen updates per second: the other reads' pace. */
	updatesPerSecond: number;
	/** The header's counting note at the end, or '' when it had none. */
	note: string;
	/** |shown - true| / true over every WAN and sample: mean and largest. */
	meanError: number;
	maxError: number;
}

/** The CONNS column of each WAN row, as drawn. */
function shownCounts(lines: readonly string[]): Map<string, number> {
	const shown = new Map<string, number>();
	for (const line of lines) {
		// 9,844, or 465k where the grouped number does not fit the column.
		const match = /^\W*(wan\d)\s+\S+\s+\d+%\s+([\d,.]+)(k?)\s+\d+%/.exec(line);
		if (match) shown.set(match[1], Number(match[2].replaceAll(',', '')) * (match[3] === 'k' ? 1000 : 1));
	}
	return shown;
}

function rounds(asked: readonly number[], from: number, to: number): number[] {
	const starts: number[] = [];
	let last = Number.NEGATIVE_INFINITY;
	for (const at of asked) {
		if (at - last > roundGapMs && at >= from && at <= to) starts.push(at);
		last = at;
	}
	return starts;
}

async function watch(sim: SimProcess, port: number, windowMs: number, adaptive: boolean): Promise<CountingRun> {
	const env: NodeJS.ProcessEnv = {PCCMON_PASSWORD: '', ...(adaptive ? {} : {PCCMON_COUNT_EVERY_POLL: '1'})};
	const run = new PtyRun(`node ${cliPath} 127.0.0.1:${port} --interval 1`, env);
	try {
		await run.until(() => shownCounts(run.model.text()).size === wans.length, 60_000, 'WAN rows with counts');
		const first: Walks = await sim.walks();
		const updates = run.updates;
		const errors: number[] = [];
		const end = Date.now() + windowMs;
		while (Date.now() < end) {
			await new Promise(resolve => setTimeout(resolve, 1000));
			const shown = shownCounts(run.model.text());
			const truth = await sim.walks();
			for (const wan of wans) {
				const real = truth.byMark[`${wan}_conn`] ?? 0;
				const drawn = shown.get(wan);
				if (drawn !== undefined && real > 0) errors.push(Math.abs(drawn - real) / real);
			}
		}
		const last = await sim.walks();
		const elapsed = last.at - first.at;
		const starts = rounds(last.asked, first.at, last.at);
		const note = run.model.text().map(line => /counts every [^,]*/.exec(line)?.[0]).find(Boolean) ?? '';
		return {
			adaptive,
			windowMs: elapsed,
			routerShare: (last.walkedMs - first.walkedMs) / elapsed,
			countIntervalMs: starts.length > 1 ? (starts.at(-1)! - starts[0]) / (starts.length - 1) : Number.NaN,
			counts: starts.length,
			updatesPerSecond: ((run.updates - updates) * 1000) / elapsed,
			note,
			meanError: errors.reduce((sum, error) => sum + error, 0) / Math.max(1, errors.length),
			maxError: Math.max(0, ...errors),
		};
	} finally {
		await run.quit();
	}
}

/**
 * The same watch twice, each on a fresh router holding `connections` at `scanRate` rows per
 * second: pccmon as it is, then counting at every poll.
 */
export async function countingRuns(connections: number, scanRate: number, windowMs: number, progress: (text: string) => void): Promise<CountingRun[]> {
	const runs: CountingRun[] = [];
	for (const adaptive of [true, false]) {
		progress(`a router with ${connections.toLocaleString('en')} connections walking ${scanRate.toLocaleString('en')} rows/s, watched ${adaptive ? 'as pccmon counts' : 'counting at every poll'}`);
		const {sim, started} = await SimProcess.start(scenario, connections, {clock: 'real', scanRate});
		try {
			runs.push(await watch(sim, started.port, windowMs, adaptive));
		} finally {
			await sim.stop();
		}
	}
	return runs;
}
