/**
 * How often to count connections per mark. Each count walks the router's whole connection
 * table once per mark (docs/routeros-counting.md), so on a big table it is the one read that
 * costs the router real time. pccmon keeps that time to a share of the wall clock by counting
 * every few polls instead of every poll, and never less often than `longestGapMs`.
 */

/** The share of wall time the router may spend answering pccmon's counts. */
export const countBudget = 0.1;
/** Counts are never older than this, whatever they cost. */
export const longestGapMs = 30_000;

/** What the last count cost and when it was read. */
export interface CountCost {
	/** Wall-clock ms when the counts arrived. */
	at: number;
	/** The router's time answering them, at most: the count's round trip. */
	routerMs: number;
}

/**
 * Polls from one count to the next: 1 while counting is cheap (or not measured yet), else
 * enough polls that `routerMs` is at most `countBudget` of the time between counts, but no
 * more than fit in `longestGapMs`.
 */
export function pollsPerCount(intervalMs: number, routerMs: number | null): number {
	if (routerMs === null || !(routerMs > 0)) return 1;
	// The small epsilon keeps 0.1 s at a 1 s interval at exactly one poll, despite floating point.
	const needed = Math.ceil(routerMs / countBudget / intervalMs - 1e-9);
	const most = Math.max(1, Math.floor(longestGapMs / intervalMs));
	return Math.min(most, Math.max(1, needed));
}

/** What the screen and `--once --json` say about counting. */
export interface CountingView {
	/** Wall-clock ms when the counts shown were read. */
	at: number;
	/** What the last count cost the router. */
	routerMs: number;
	/** How far apart counts are at the current interval. */
	everyMs: number;
}
