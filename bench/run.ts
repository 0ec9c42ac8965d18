/**
 * `npm run bench`: pccmon's costs against the simulated router on loopback, beside the naive
 * way, printed as Markdown tables. See README, Performance.
 *
 *   --quick            a short run for development (10k and 100k connections, short windows)
 *   --long             the terminal window for 10 minutes, and the naive 1M print to the end
 *   --only A,B         run only these groups: startup, terminal, recorder, scale, rtt, flush, counting
 *
 * The counting group compares pccmon with itself counting at every poll: the monitor's
 * environment variable PCCMON_COUNT_EVERY_POLL=1 (for the bench only) turns the spacing off.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {cliPath, loadPccmon, type Pccmon} from './dist.js';
import {countingRuns, type CountingRun} from './counting.js';
import {flushOnce, type FlushSample} from './flush.js';
import {describeMachine, loadAverage} from './machine.js';
import {connect, naivePoll, pollOn, repeat, summarize, type NaiveResult, type Summary} from './poll.js';
import {figuresTable, growthTable, verdict, type Figure, type GrowthRow} from './report.js';
import {recorderCost, type RecorderCost} from './recorder.js';
import {SimProcess} from './sim-process.js';
import type {Grown, Memory} from './sim-protocol.js';
import {bytes, count, duration, growth, median, size} from './stats.js';
import {startupOnce, steady, terminalSize, type Startup, type SteadyResult} from './terminal.js';

const groups = ['startup', 'terminal', 'recorder', 'scale', 'rtt', 'flush', 'counting'] as const;
type Group = (typeof groups)[number];

const scenario = 'three-wan-weighted';
const kb = 1024;

interface Plan {
	mode: 'quick' | 'full' | 'long';
	only: Set<Group>;
	sizes: number[];
	pollRuns: number;
	naiveRuns: (size: number) => number;
	naiveCapMs: (size: number) => number;
	rttMs: number;
	rttRuns: number;
	flushSize: number;
	flushRuns: number;
	startupRuns: number;
	terminalWindowMs: number;
	terminalWarmupMs: number;
	/** Each of two rounds; longer than the terminal's: the difference between two small CPU figures needs more clock ticks. */
	recorderWindowMs: number;
	/** A router that pays for walking its table: its size, rows walked per second, the watch. */
	counting: {connections: number; scanRate: number; windowMs: number};
}

function planFrom(argv: string[]): Plan {
	const {values} = parseArgs({
		args: argv,
		options: {quick: {type: 'boolean', default: false}, long: {type: 'boolean', default: false}, only: {type: 'string'}},
	});
	const only = new Set<Group>();
	for (const name of (values.only ?? groups.join(',')).split(',').map(part => part.trim()).filter(Boolean)) {
		if (!(groups as readonly string[]).includes(name)) {
			console.error(`bench: unknown group "${name}"; use some of: ${groups.join(', ')}`);
			process.exit(2);
		}
		only.add(name as Group);
	}
	const quick = values.quick;
	const long = values.long && !quick;
	return {
		mode: quick ? 'quick' : long ? 'long' : 'full',
		only,
		sizes: quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000],
		pollRuns: quick ? 5 : 10,
		naiveRuns: tableSize => (tableSize <= 10_000 && !quick ? 2 : 1),
		naiveCapMs: tableSize => (long ? 600_000 : tableSize >= 1_000_000 ? 8_000 : tableSize >= 100_000 ? (quick ? 5_000 : 15_000) : 30_000),
		rttMs: 50,
		rttRuns: quick ? 3 : 5,
		flushSize: quick ? 20_000 : 100_000,
		flushRuns: quick ? 1 : 2,
		startupRuns: quick ? 2 : 5,
		terminalWindowMs: quick ? 8_000 : long ? 600_000 : 30_000,
		terminalWarmupMs: quick ? 2_000 : 30_000,
		recorderWindowMs: quick ? 8_000 : long ? 300_000 : 60_000,
		counting: quick ? {connections: 100_000, scanRate: 2_000_000, windowMs: 15_000} : {connections: 1_000_000, scanRate: 2_000_000, windowMs: 120_000},
	};
}

interface Stage {
	size: number;
	reachedBy: Grown;
	poll: Summary;
	config: Summary;
	naive: NaiveResult[];
	memory: Memory;
	baselineRss: number;
}

interface Results {
	/** Starts from the build's code cache, and (interleaved) with no code cache V8 takes. */
	startup?: {cached: Startup[]; uncached: Startup[]};
	terminal?: SteadyResult;
	/** Two live screens side by side, one recording, one not. */
	recorder?: RecorderCost;
	stages: Stage[];
	/** The same poll with the reply delay, one command at a time with it, and without it. */
	rtt?: {pipelined: Summary; sequential: Summary; undelayed: Summary};
	flush?: {loopback: FlushSample[]; withRtt: FlushSample};
	/** pccmon as it is, then counting at every poll. */
	counting?: CountingRun[];
}

function progress(message: string): void {
	process.stderr.write(`bench: ${message}\n`);
}

async function measureScale(pccmon: Pccmon, plan: Plan, results: Results): Promise<void> {
	const {sim, started} = await SimProcess.start(scenario, 0);
	try {
		const connection = await connect(pccmon, started, 60_000);
		let poll: Awaited<ReturnType<typeof pollOn>> | undefined;
		const sizes = plan.only.has('scale') ? plan.sizes : plan.sizes.slice(0, 1);
		for (const tableSize of sizes) {
			progress(`filling the simulated conntrack to ${size(tableSize)} connections`);
			const reachedBy = await sim.grow({total: tableSize});
			poll ??= await pollOn(pccmon, connection);
			if (tableSize === sizes[0] && plan.only.has('rtt')) {
				progress(`poll cycle with ${plan.rttMs} ms of reply delay, pipelined and one command at a time`);
				await sim.faults({slowReplies: plan.rttMs});
				const pipelined = await repeat(plan.rttRuns, poll.tick, 1);
				const sequential = await repeat(plan.rttRuns, poll.sequentialTick, 1);
				await sim.faults({});
				results.rtt = {pipelined, sequential, undelayed: await repeat(plan.rttRuns, poll.tick, 1)};
			}
			if (!plan.only.has('scale')) break;
			progress(`poll cycles at ${size(tableSize)}`);
			const pollSummary = await repeat(plan.pollRuns, poll.tick);
			const config = await repeat(Math.max(3, plan.pollRuns / 3), poll.configRead, 1);
			const memory = await sim.memory();
			const naive: NaiveResult[] = [];
			for (let run = 0; run < plan.naiveRuns(tableSize); run++) {
				progress(`naive: printing the whole table of ${size(tableSize)} (cap ${duration(plan.naiveCapMs(tableSize))})`);
				naive.push(await naivePoll(pccmon, started, plan.naiveCapMs(tableSize)));
				if (naive.at(-1)!.capped) break;
			}
			// After a capped print the simulator goes on formatting rows nobody reads; the next
			// request waits for it, so no figure includes that work.
			results.stages.push({size: tableSize, reachedBy, poll: pollSummary, config, naive, memory, baselineRss: started.baselineRss});
		}
		await connection.close();
	} finally {
		await sim.stop();
	}
}

async function measureFlush(pccmon: Pccmon, plan: Plan, results: Results): Promise<void> {
	const {sim, started} = await SimProcess.start('two-wan', 0);
	try {
		const loopback: FlushSample[] = [];
		// Two WANs of equal share: filling one fills the other, so runs alternate between them.
		const marks = ['wan1_conn', 'wan2_conn'];
		for (let run = 0; run < plan.flushRuns; run++) {
			progress(`flush of ${count(plan.flushSize)} connections (${marks[run % 2]})`);
			loopback.push(await flushOnce(pccmon, sim, started, marks[run % 2], plan.flushSize));
		}
		progress(`flush of ${count(plan.flushSize)} connections with ${plan.rttMs} ms of reply delay`);
		const withRtt = await flushOnce(pccmon, sim, started, marks[plan.flushRuns % 2], plan.flushSize, plan.rttMs);
		results.flush = {loopback, withRtt};
	} finally {
		await sim.stop();
	}
}

function pollText(summary: Summary): string {
	return `${duration(summary.wallMs)}; ${bytes(summary.sent)} sent, ${bytes(summary.received)} received`;
}

/** Bytes per connection row of a naive print that finished, to say what a capped one had to send. */
function bytesPerRow(stages: readonly Stage[]): number {
	const done = stages.flatMap(stage => stage.naive).find(run => !run.capped && run.rows > 0);
	return done ? done.received / done.rows : Number.NaN;
}

function naiveText(runs: readonly NaiveResult[], tableSize: number, perRow: number): string {
	if (runs.length === 0) return '–';
	const last = runs.at(-1)!;
	if (last.capped) {
		return `> ${duration(last.wallMs)}, stopped there (${bytes(last.received)} received by then, of ≈ ${bytes(perRow * tableSize)})`;
	}
	const summary = summarize(runs);
	return `${duration(summary.wallMs)}; ${bytes(summary.sent)} sent, ${bytes(summary.received)} received`;
}

const commands = {
	startup: 'npm run bench -- --only startup',
	terminal: 'npm run bench -- --only terminal',
	recorder: 'npm run bench -- --only recorder',
	scale: 'npm run bench -- --only scale',
	rtt: 'npm run bench -- --only rtt',
	flush: 'npm run bench -- --only flush',
	counting: 'npm run bench -- --only counting',
};

const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 2 : 1)} %`;

function countingFigures(plan: Plan, runs: readonly CountingRun[]): Figure[] {
	const [adaptive, everyPoll] = runs;
	if (!adaptive || !everyPoll) return [];
	const {connections, scanRate, windowMs} = plan.counting;
	const where = `${size(connections)} connections, ${duration((connections / scanRate) * 1000)} per walk, 3 WANs, 1 s refresh, ${duration(windowMs)}`;
	const interval = (run: CountingRun) => `every ${duration(run.countIntervalMs)} (${run.counts} counts), screen updates ${run.updatesPerSecond.toFixed(2)}/s`;
	const error = (run: CountingRun) => `${percent(run.meanError)} on average, ${percent(run.maxError)} at most`;
	return [
		{
			figure: `Busy router (${where}): router time answering counts`,
			pccmon: `${percent(adaptive.routerShare)} of wall time`,
			naive: `counting at every poll: ${percent(everyPoll.routerShare)}`,
			target: '≤ 10 %',
			verdict: verdict(adaptive.routerShare <= 0.1),
			command: commands.counting,
		},
		{
			figure: 'Busy router: how often pccmon counts',
			pccmon: `${interval(adaptive)}; header "${adaptive.note}"`,
			naive: `counting at every poll: ${interval(everyPoll)}`,
			target: '≤ 30 s; other reads each 1 s',
			// A count comes with a poll, so the gap may run past 30 s by part of one interval.
			verdict: verdict(adaptive.countIntervalMs <= 31_000, adaptive.updatesPerSecond >= 0.9),
			command: commands.counting,
		},
		{
			figure: 'Busy router: counts shown against the true ones (each second, every WAN)',
			pccmon: error(adaptive),
			naive: `counting at every poll: ${error(everyPoll)}`,
			target: '≤ 5 % off',
			verdict: verdict(adaptive.maxError <= 0.05),
			command: commands.counting,
		},
	];
}

function recorderFigures(r: RecorderCost): Figure[] {
	const perPoll = r.polls > 0 ? r.bytes / r.polls : Number.NaN;
	const added = r.recordingCpuPercent / r.plainCpuPercent - 1;
	const window = `${r.rounds} rounds, ${Math.round(r.windowMs / 1000)} s measured, each after ${Math.round(r.warmupMs / 1000)} s`;
	return [
		{
			figure: 'Flight recorder (3 WANs, 1 s refresh): bytes on disk per poll',
			pccmon: `${count(perPoll)} B (${bytes(r.bytes)} over ${r.polls} polls, ${window}); the file at the first data: ${bytes(r.firstDataBytes)}`,
			naive: '–',
			target: '≤ 200 B',
			verdict: verdict(perPoll <= 200),
			command: commands.recorder,
		},
		{
			figure: `Flight recorder: the live screen's CPU (${terminalSize.columns}x${terminalSize.rows}, side by side)`,
			pccmon: `${added >= 0 ? '+' : ''}${(added * 100).toFixed(1)} %: ${r.recordingCpuPercent.toFixed(2)} % of one core recording (${window})`,
			naive: `--no-record beside it: ${r.plainCpuPercent.toFixed(2)} %`,
			target: '≤ 5 % more',
			verdict: verdict(added <= 0.05),
			command: commands.recorder,
		},
	];
}

function figures(plan: Plan, results: Results): Figure[] {
	const rows: Figure[] = [];
	const first = results.stages[0];
	for (const stage of results.stages) {
		const total = stage.poll.sent + stage.poll.received;
		const flat = !first || (total <= (first.poll.sent + first.poll.received) * 1.1
			&& stage.poll.wallMs <= Math.max(first.poll.wallMs * 1.5, 50));
		const largest = stage.size >= 1_000_000;
		rows.push({
			figure: `Poll cycle, ${size(stage.size)} connections (median of ${stage.poll.runs})`,
			pccmon: pollText(stage.poll),
			naive: naiveText(stage.naive, stage.size, bytesPerRow(results.stages)),
			target: largest ? 'flat; ≤ 50 ms and ≤ 8 KB' : 'flat in table size',
			verdict: largest ? verdict(flat, stage.poll.wallMs <= 50, total <= 8 * kb) : verdict(flat),
			command: commands.scale,
		});
	}
	if (results.rtt) {
		const {pipelined, sequential, undelayed} = results.rtt;
		// The delay's own cost: the same poll's time without it is work, not waiting.
		const delayTrips = (summary: Summary) => (summary.wallMs - undelayed.wallMs) / plan.rttMs;
		rows.push({
			figure: `Poll cycle, ${plan.rttMs} ms reply delay (median of ${pipelined.runs})`,
			pccmon: `${duration(pipelined.wallMs)}: the delay cost ${delayTrips(pipelined).toFixed(2)} round trips (${duration(undelayed.wallMs)} without it); ${pipelined.commands} commands in ${pipelined.rounds} round`,
			naive: `one at a time: ${duration(sequential.wallMs)}, ${delayTrips(sequential).toFixed(2)} round trips; ${sequential.commands} commands in ${sequential.rounds} rounds`,
			target: '≤ 1.5 round trips',
			verdict: verdict(delayTrips(pipelined) <= 1.5),
			command: commands.rtt,
		});
	}
	if (results.flush) {
		const {loopback, withRtt} = results.flush;
		const wall = median(loopback.map(sample => sample.wallMs));
		const sample = loopback[0];
		const perThousand = (rounds: number, connections: number) => rounds / (connections / 1000);
		rows.push({
			figure: `Flush of one WAN's ${count(plan.flushSize)} connections (median of ${loopback.length})`,
			pccmon: `${duration(wall)} for ${count(sample.connections)} (CPU: pccmon ${duration(median(loopback.map(run => run.clientCpuMs)))}, router ${duration(median(loopback.map(run => run.simCpuMs)))}); ${sample.commands} commands (${sample.removes} removes), ${sample.rounds} rounds = ${perThousand(sample.rounds, sample.connections).toFixed(2)} per 1,000 ids`,
			naive: `one id per remove, one at a time: ${count(sample.connections)} rounds (computed)`,
			target: plan.flushSize >= 100_000 ? '≤ 5 s; ≤ 1 round trip per 1,000 ids' : '≤ 1 round trip per 1,000 ids (5 s is for 100k)',
			verdict: verdict(...(plan.flushSize >= 100_000 ? [wall <= 5000] : []), perThousand(sample.rounds, sample.connections) <= 1),
			command: commands.flush,
		});
		rows.push({
			figure: `Flush of ${count(withRtt.connections)}, ${withRtt.rttMs} ms reply delay`,
			pccmon: `${duration(withRtt.wallMs)} (${duration(wall)} without the delay); ${withRtt.commands} commands in ${withRtt.rounds} rounds, so at most ${duration(withRtt.rounds * withRtt.rttMs)} of waiting`,
			naive: `one id per remove, one at a time: ≥ ${duration(withRtt.connections * withRtt.rttMs)} (computed)`,
			target: '≤ 1 round trip per 1,000 ids',
			verdict: verdict(perThousand(withRtt.rounds, withRtt.connections) <= 1),
			command: commands.flush,
		});
	}
	if (results.terminal) {
		const t = results.terminal;
		const window = `${Math.round(t.windowMs / 1000)} s window`;
		const where = `${terminalSize.columns}x${terminalSize.rows}, 3 WANs, 1 s refresh`;
		rows.push({
			figure: `pccmon on a terminal (${where}): CPU`,
			pccmon: `${t.cpuPercent.toFixed(2)} % of one core (${window}); ${t.warmupCpuPercent.toFixed(2)} % over the ${Math.round(t.warmupMs / 1000)} s before it`,
			naive: '–',
			target: '≤ 3 % of one core',
			verdict: verdict(t.cpuPercent <= 3),
			command: commands.terminal,
		});
		rows.push({
			figure: 'pccmon on a terminal: resident memory',
			pccmon: `${bytes(t.maxRss)} (highest sample, from the first data)`,
			naive: '–',
			target: plan.mode === 'long' ? '≤ 90 MB after 10 minutes' : '≤ 90 MB (after 10 minutes: --long)',
			verdict: verdict(t.maxRss <= 90 * kb * kb),
			command: commands.terminal,
		});
		const htop = t.htopBytesPerSecond;
		rows.push({
			figure: 'pccmon on a terminal: bytes written',
			pccmon: `${bytes(t.bytesPerSecond)}/s; ${bytes(t.bytesPerUpdate)} per update (${t.updates} updates)`,
			naive: `full redraw each update: ${bytes(t.fullFrameBytesPerSecond)}/s; htop -d 10 beside it, same size: ${htop === null ? 'not installed (apt-get install htop)' : `${bytes(htop)}/s`}`,
			target: '≤ 0.5 KB/s and ≤ half of htop\'s',
			verdict: verdict(t.bytesPerSecond <= 0.5 * kb, htop !== null && t.bytesPerSecond <= htop / 2),
			command: commands.terminal,
		});
	}
	if (results.recorder) rows.push(...recorderFigures(results.recorder));
	if (results.startup) {
		const {cached, uncached} = results.startup;
		const wall = median(cached.map(sample => sample.wallMs));
		const cpu = median(cached.map(sample => sample.cpuMs));
		rows.push({
			figure: `\`pccmon --demo\` to the first frame with data (median of ${cached.length})`,
			pccmon: `${duration(wall)} (CPU used by then: ${duration(cpu)})`,
			naive: '–',
			target: '≤ 400 ms',
			verdict: verdict(wall <= 400),
			command: commands.startup,
		});
		const uncachedWall = median(uncached.map(sample => sample.wallMs));
		rows.push({
			figure: `the same with no code cache V8 takes (another Node's flags; median of ${uncached.length})`,
			pccmon: `${duration(uncachedWall)} (CPU used by then: ${duration(median(uncached.map(sample => sample.cpuMs)))})`,
			naive: '–',
			target: '≤ 400 ms',
			verdict: verdict(uncachedWall <= 400),
			command: commands.startup,
		});
	}
	if (results.counting) rows.push(...countingFigures(plan, results.counting));
	const largest = results.stages.at(-1);
	if (largest) {
		rows.push({
			figure: `Simulator holding ${size(largest.size)} connections: resident memory`,
			pccmon: `${bytes(largest.memory.rss)} (peak ${bytes(largest.memory.peakRss)}; the process before the simulator: ${bytes(largest.baselineRss)})`,
			naive: '–',
			target: largest.size >= 1_000_000 ? '≤ 1 GB' : '≤ 1 GB at 1M',
			verdict: largest.size >= 1_000_000 ? verdict(largest.memory.peakRss <= kb * kb * kb) : 'info',
			command: commands.scale,
		});
		const growing = largest.reachedBy;
		const rate = classifiedPerSecond(growing);
		rows.push({
			figure: `Simulator: new connections classified (growing to ${size(largest.size)})`,
			pccmon: `${count(rate)} per CPU second (${count(growing.opened)} in ${duration(growing.cpuMs)} CPU, ${duration(growing.wallMs)} wall)`,
			naive: '–',
			target: '≥ 50,000 per second',
			verdict: verdict(rate >= 50_000),
			command: commands.scale,
		});
	}
	return rows;
}

function classifiedPerSecond(grown: Grown): number {
	return grown.cpuMs > 0 ? (grown.opened * 1000) / grown.cpuMs : Number.NaN;
}

function growthRows(stages: readonly Stage[]): GrowthRow[] {
	const row = (figure: string, pick: (stage: Stage) => number, format: (value: number) => string): GrowthRow => {
		const values = stages.map(pick);
		return {figure, values: values.map(format), factor: growth(values[0], values.at(-1)!)};
	};
	const perRow = bytesPerRow(stages);
	const naiveRow = (figure: string, pick: (run: NaiveResult) => number, format: (value: number) => string, capped: (stage: Stage) => string): GrowthRow => {
		const finished = (stage: Stage) => stage.naive.length > 0 && !stage.naive.at(-1)!.capped;
		const values = stages.map(stage => (finished(stage) ? median(stage.naive.map(pick)) : Number.NaN));
		const last = stages.at(-1)!;
		return {
			figure,
			values: stages.map((stage, index) => (finished(stage) ? format(values[index]) : stage.naive.length > 0 ? capped(stage) : '–')),
			factor: finished(last) ? growth(values[0], values.at(-1)!) : '–',
		};
	};
	return [
		row('Poll cycle: wall time', stage => stage.poll.wallMs, duration),
		row('Poll cycle: bytes sent + received', stage => stage.poll.sent + stage.poll.received, bytes),
		row('Configuration read (start, then every 30 polls): wall time', stage => stage.config.wallMs, duration),
		row('Configuration read: bytes sent + received', stage => stage.config.sent + stage.config.received, bytes),
		naiveRow('Naive full print: wall time', run => run.wallMs, duration, stage => `> ${duration(stage.naive.at(-1)!.wallMs)}`),
		naiveRow('Naive full print: bytes received', run => run.received, bytes, stage => `≈ ${bytes(perRow * stage.size)}`),
		row('Simulator: resident memory', stage => stage.memory.rss, bytes),
		row('Simulator: classified per CPU second while growing to this size', stage => classifiedPerSecond(stage.reachedBy), count),
	];
}

async function main(): Promise<void> {
	const plan = planFrom(process.argv.slice(2));
	// Any code cache a pccmon the bench starts writes stays out of the user's.
	const xdgHome = mkdtempSync(join(tmpdir(), 'pccmon-bench-xdg-'));
	process.env['XDG_CACHE_HOME'] = xdgHome;
	// Live screens record by default: theirs go here, not into the user's recordings.
	process.env['XDG_STATE_HOME'] = xdgHome;
	const startedAt = performance.now();
	const loadBefore = loadAverage();
	const pccmon = await loadPccmon();
	const results: Results = {stages: []};

	if (plan.only.has('startup')) {
		progress('pccmon --demo until the first frame with data, with and without a code cache');
		// V8 rejects the build's cache under other flags, and nothing can be written under a file.
		const uncachedEnv = {NODE_OPTIONS: '--max-old-space-size=3000', XDG_CACHE_HOME: join(cliPath, 'no-cache')};
		results.startup = {cached: [], uncached: []};
		for (let run = 0; run < plan.startupRuns; run++) {
			results.startup.cached.push(await startupOnce());
			results.startup.uncached.push(await startupOnce(uncachedEnv));
		}
	}
	if (plan.only.has('terminal')) {
		progress(`pccmon on a ${terminalSize.columns}x${terminalSize.rows} terminal for ${duration(plan.terminalWarmupMs)}, then ${duration(plan.terminalWindowMs)} measured`);
		results.terminal = await steady(plan.terminalWindowMs, plan.terminalWarmupMs);
	}
	if (plan.only.has('recorder')) {
		progress(`two live screens, recording and not, for ${duration(plan.terminalWarmupMs)}, then ${duration(plan.recorderWindowMs)} measured; twice`);
		results.recorder = await recorderCost(plan.recorderWindowMs, plan.terminalWarmupMs);
	}
	if (plan.only.has('scale') || plan.only.has('rtt')) await measureScale(pccmon, plan, results);
	if (plan.only.has('flush')) await measureFlush(pccmon, plan, results);
	if (plan.only.has('counting')) {
		const {connections, scanRate, windowMs} = plan.counting;
		results.counting = await countingRuns(connections, scanRate, windowMs, progress);
	}

	const elapsed = performance.now() - startedAt;
	const lines = [
		`## pccmon bench (${plan.mode}${plan.only.size < groups.length ? `; only ${[...plan.only].join(', ')}` : ''})`,
		'',
		`Machine: ${describeMachine()}. Load average (1 min) ${loadBefore} at the start, ${loadAverage()} at the end. Took ${duration(elapsed)}.`,
		'',
		figuresTable(figures(plan, results)),
	];
	if (results.stages.length > 1) {
		lines.push('', 'How the figures grow with the connection table:', '', growthTable(results.stages.map(stage => size(stage.size)), growthRows(results.stages)));
	}
	console.log(lines.join('\n'));
	rmSync(xdgHome, {recursive: true, force: true});
}

await main();
