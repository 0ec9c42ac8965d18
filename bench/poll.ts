import type {RouterConnection} from '../source/routeros/client.js';
import type {RouterApi} from '../source/routeros/types.js';
import type {MonitorSource, TickPlan} from '../source/monitor/types.js';
import {recording, sequential, type CommandLog} from './commands.js';
import type {Pccmon} from './dist.js';
import type {Started} from './sim-protocol.js';
import {median} from './stats.js';

export interface Sample {
	wallMs: number;
	/** Bytes at the client's socket, both directions. */
	sent: number;
	received: number;
	commands: number;
	rounds: number;
}

export interface Summary extends Sample {
	runs: number;
}

export function summarize(samples: readonly Sample[]): Summary {
	const of = (pick: (sample: Sample) => number) => median(samples.map(pick));
	return {
		runs: samples.length,
		wallMs: of(sample => sample.wallMs),
		sent: of(sample => sample.sent),
		received: of(sample => sample.received),
		commands: of(sample => sample.commands),
		rounds: of(sample => sample.rounds),
	};
}

export function connect(pccmon: Pccmon, started: Started, commandTimeoutMs = 10_000): Promise<RouterConnection> {
	return pccmon.connectRouter({host: started.host, port: started.port, user: 'admin', password: '', commandTimeoutMs});
}

/** Runs `work` once and reads what it cost at the socket and in commands. */
async function measure(connection: RouterConnection, log: CommandLog, work: () => Promise<unknown>): Promise<Sample> {
	log.reset();
	const sent = connection.socket.bytesWritten;
	const received = connection.socket.bytesRead;
	const startedAt = performance.now();
	await work();
	return {
		wallMs: performance.now() - startedAt,
		sent: connection.socket.bytesWritten - sent,
		received: connection.socket.bytesRead - received,
		commands: log.sent,
		rounds: log.rounds(),
	};
}

export interface Poll {
	/** One poll cycle as the Poller runs it every interval. */
	tick(): Promise<Sample>;
	/** The same reads one command at a time. */
	sequentialTick(): Promise<Sample>;
	/** The configuration read the Poller does at start and every 30 polls. */
	configRead(): Promise<Sample>;
}

/** Sets up the monitor's source on a connection, with the plan the Poller derives from discovery. */
export async function pollOn(pccmon: Pccmon, connection: RouterConnection): Promise<Poll> {
	const log = recording(connection);
	const source = pccmon.routerSource(() => log.api);
	const serial: RouterApi = sequential(log.api);
	const serialSource: MonitorSource = pccmon.routerSource(() => serial);
	const config = await source.readConfig();
	await serialSource.readConfig();
	const topology = pccmon.discover(config);
	// As the Poller plans a tick: the counted marks and the WANs' interfaces.
	const plan: TickPlan = {
		routeros: topology.routeros,
		marks: pccmon.countedMarks(topology),
		interfaces: topology.wans.flatMap(wan => (wan.interface ? [wan.interface] : [])),
	};
	// A poll that counts: the tick's reads and the counts, sent together as the Poller does.
	const counted = (from: MonitorSource) => Promise.all([from.readTick(plan), from.readCounts(plan.marks)]);
	return {
		tick: () => measure(connection, log, () => counted(source)),
		sequentialTick: () => measure(connection, log, () => counted(serialSource)),
		configRead: () => measure(connection, log, () => source.readConfig()),
	};
}

export async function repeat(times: number, run: () => Promise<Sample>, warmup = 2): Promise<Summary> {
	for (let index = 0; index < warmup; index++) await run();
	const samples: Sample[] = [];
	for (let index = 0; index < times; index++) samples.push(await run());
	return summarize(samples);
}

export interface NaiveResult extends Sample {
	rows: number;
	/** True when the cap ran out before the table arrived; the figures are then lower bounds. */
	capped: boolean;
}

/**
 * What table-dumping tools do every poll: `/ip/firewall/connection/print` of everything, on
 * a connection of its own (a cap that runs out ends it).
 */
export async function naivePoll(pccmon: Pccmon, started: Started, capMs: number): Promise<NaiveResult> {
	const connection = await connect(pccmon, started, capMs);
	const sent = connection.socket.bytesWritten;
	const received = connection.socket.bytesRead;
	const startedAt = performance.now();
	let rows = 0;
	let capped = false;
	try {
		rows = (await connection.print('/ip/firewall/connection', {timeoutMs: capMs})).length;
	} catch (error) {
		if ((error as {kind?: string}).kind !== 'timeout') throw error;
		capped = true;
	}
	const result: NaiveResult = {
		wallMs: capped ? capMs : performance.now() - startedAt,
		sent: connection.socket.bytesWritten - sent,
		received: connection.socket.bytesRead - received,
		commands: 1,
		rounds: 1,
		rows,
		capped,
	};
	await connection.close();
	return result;
}
