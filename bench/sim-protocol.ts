import type {FaultOptions} from '../source/sim/faults.js';

/** What the bench asks of the simulated router running in its own process. */
export type SimRequest =
	/** `real`: the clock follows the wall clock, so connections open and close meanwhile. */
	| {op: 'start'; scenario: string; connections: number; clock?: 'real'; scanRate?: number}
	/** What walking the table has cost the router so far, and the true counts now. */
	| {op: 'walks'}
	/** Opens new connections until the table holds `total`, or until `mark` carries `atLeast`. */
	| {op: 'grow'; total?: number; mark?: string; atLeast?: number}
	| {op: 'faults'; faults: FaultOptions}
	| {op: 'memory'}
	| {op: 'close'};

export interface Started {
	host: string;
	port: number;
	/** Resident bytes of the process before the simulator started (Node, the loader). */
	baselineRss: number;
}

export interface Grown {
	opened: number;
	wallMs: number;
	/** CPU time of opening them (classify, NAT, conntrack), the engine's own measure. */
	cpuMs: number;
	size: number;
	byMark: Record<string, number>;
}

export interface Walks {
	/** Router time spent walking tables since start, ms (walks still queued left out). */
	walkedMs: number;
	/** Date.now() of every walk asked for, oldest first. */
	asked: number[];
	/** Date.now() when this was read, and the table then. */
	at: number;
	byMark: Record<string, number>;
}

export interface Memory {
	rss: number;
	/** The highest resident size so far (VmHWM): growing the columns copies them once. */
	peakRss: number;
	heapUsed: number;
	/** Typed arrays and buffers, outside the JavaScript heap. */
	arrayBuffers: number;
	connections: number;
}

export type SimReply = {id: number; ok: true; value: unknown} | {id: number; ok: false; error: string};
