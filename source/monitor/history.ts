import {RingBuffer} from './ring.js';
import type {WanView} from './wans.js';

export type SeriesName = 'connections' | 'newPerSecond' | 'rxBps' | 'txBps';
const seriesNames: readonly SeriesName[] = ['connections', 'newPerSecond', 'rxBps', 'txBps'];

/** An hour, whatever the interval. */
const historySpanMs = 3_600_000;
/** Enough samples for an hour at the shortest interval (0.5 s). */
const historyCapacity = 7200;

/**
 * Per-WAN ring buffers. Owned by the monitor store and appended to in place (copying an
 * hour of samples every poll would cost more than the poll); `samples` counts appends so
 * a renderer can tell that something changed.
 */
export interface History {
	readonly byWan: Map<string, Record<SeriesName, RingBuffer>>;
	samples: number;
}

export function emptyHistory(): History {
	return {byWan: new Map(), samples: 0};
}

export function recordHistory(history: History, at: number, wans: WanView[]): void {
	for (const wan of wans) {
		let series = history.byWan.get(wan.name);
		if (!series) {
			series = {
				connections: new RingBuffer(historyCapacity),
				newPerSecond: new RingBuffer(historyCapacity),
				rxBps: new RingBuffer(historyCapacity),
				txBps: new RingBuffer(historyCapacity),
			};
			history.byWan.set(wan.name, series);
		}
		for (const name of seriesNames) {
			const value = wan[name];
			series[name].push(at, value ?? Number.NaN);
			series[name].dropBefore(at - historySpanMs);
		}
	}
	history.samples++;
}

/**
 * The time one chart column (or sparkline cell) stands for. Per poll, every column would move
 * left at every update and the whole chart be drawn again; per span, only the newest column
 * changes between moves, and a move comes once per span (terminal bytes matter over SSH).
 */
export const columnSpanMs = 5000;

/** Up to `n` newest columns of one series of one WAN, oldest first (see RingBuffer.spans). */
export function seriesTail(history: History, wan: string, series: SeriesName, n: number): number[] {
	return history.byWan.get(wan)?.[series].spans(n, columnSpanMs) ?? [];
}
