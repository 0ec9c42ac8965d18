import type {CountingView} from './counting.js';
import type {ConnectionCounts, NetwatchProbe, RouteState, RouterConfig, Topology} from '../pcc/types.js';

/** How fresh the link to the router is; the header shows it beside the data's age. */
export type LinkState =
	| {kind: 'connecting'}
	| {kind: 'live'}
	| {kind: 'reconnecting'; attempt: number; error: string};

export interface RouterInfo {
	identity: string;
	version: string;
	board: string;
	uptime: string;
	/** Percent; null when the router did not say. */
	cpuLoad: number | null;
}

/** A mangle rule's counters as printed with `stats`, plus what decides its structure. */
export interface MangleCounters {
	id: string;
	packets: bigint;
	bytes: bigint;
	/** The rule's fields other than its counters, joined; a change means the config moved. */
	shape: string;
}

export interface InterfaceCounters {
	name: string;
	rxBytes: bigint;
	txBytes: bigint;
	running: boolean;
}

/**
 * What one tick reads: only the things that change between ticks, and cheap to read
 * whatever the size of the connection table (counting it is apart: `readCounts`).
 */
export interface TickRead {
	router: RouterInfo;
	mangle: MangleCounters[];
	/** Default routes (0.0.0.0/0) of every table. */
	routes: RouteState[];
	netwatch: NetwatchProbe[];
	interfaces: InterfaceCounters[];
}

/** What a tick needs to know to ask only for what matters. */
export interface TickPlan {
	routeros: 6 | 7;
	/** Connection marks to count. */
	marks: string[];
	/** WAN interfaces whose byte counters give throughput. */
	interfaces: string[];
}

/** Where the poller gets its data: a router session in production, a sim in tests. */
export interface MonitorSource {
	readConfig(): Promise<RouterConfig>;
	/** One pipelined batch of reads; about one round trip. */
	readTick(plan: TickPlan): Promise<TickRead>;
	/** Connections per mark: a walk of the router's connection table per count. */
	readCounts(marks: readonly string[]): Promise<ConnectionCounts>;
}

/** One applied poll: the reads, when they arrived and how long they took. */
export interface Snapshot extends TickRead {
	/** The latest counts, read on this tick or on an earlier one (see `counting`). */
	counts: ConnectionCounts;
	counting: CountingView;
	/** Wall-clock ms when the replies were complete. */
	at: number;
	/** The tick's pipelined reads: about one round trip to the router. */
	rttMs: number;
	/** The whole poll: configuration re-read and awaited counts included. */
	pollMs: number;
	config: RouterConfig;
	topology: Topology;
	/** The configuration was re-read on this tick because it changed. */
	configChanged: boolean;
}

export type EventKind =
	| 'wan'
	| 'route'
	| 'netwatch'
	| 'gateway'
	| 'connections'
	| 'counter-reset'
	| 'link'
	| 'config'
	| 'action';

export interface MonitorEvent {
	/** Wall-clock ms. */
	at: number;
	kind: EventKind;
	severity: 'info' | 'good' | 'warning' | 'error';
	text: string;
}
