import type {CommandContext, ReplySentence} from './types.js';

/**
 * A print of a menu with fewer rows costs a router next to nothing; the connection table is
 * charged whatever its size, since that is the walk a monitor repeats.
 */
export const largeMenuRows = 1000;
/** cpu-load is an average over a few seconds, as RouterOS's is. */
const loadWindowMs = 5000;

/**
 * What walking a table costs the router: RouterOS evaluates a query against every item of a
 * menu (docs/routeros-counting.md), so a filtered or count-only print takes time in
 * proportion to the rows, at `scanRate` rows per second (0: free). One CPU does the walks,
 * one after another, so a walk asked for while another runs waits for it. Wall time, not
 * the simulated clock: what it delays is a reply on a real socket.
 */
export class WalkCpu {
	/** Rows per second; 0 makes every walk free. */
	scanRate: number;
	/** Router time spent walking since start, ms. */
	walkedMs = 0;
	private busyUntil = 0;
	/** Walks that ended within the load window or are still queued: [start, end] ms. */
	private readonly spans: Array<[number, number]> = [];

	constructor(scanRate = 0, private readonly clock: () => number = () => performance.now()) {
		this.scanRate = scanRate;
	}

	/** Queues a walk of `rows` rows; returns how long from now until it is done (0 when free). */
	walk(rows: number): number {
		if (!(this.scanRate > 0) || rows <= 0) return 0;
		const now = this.clock();
		const start = Math.max(now, this.busyUntil);
		const ms = (rows / this.scanRate) * 1000;
		this.walkedMs += ms;
		this.busyUntil = start + ms;
		this.spans.push([start, this.busyUntil]);
		while (this.spans.length > 0 && this.spans[0][1] < now - loadWindowMs) this.spans.shift();
		return this.busyUntil - now;
	}

	/** Router time spent on walks up to now, ms: what is queued but not walked yet is left out. */
	doneMs(): number {
		return this.walkedMs - Math.max(0, this.busyUntil - this.clock());
	}

	/** The share (0 to 1) of the last few seconds the CPU spent walking. */
	busyShare(): number {
		const now = this.clock();
		const from = now - loadWindowMs;
		let busy = 0;
		for (const [start, end] of this.spans) busy += Math.max(0, Math.min(end, now) - Math.max(start, from));
		return busy / loadWindowMs;
	}

	/**
	 * The context to answer a print through: its replies leave once the walk is done. A command
	 * run in-process (an import, a script) answers at once: its caller reads the replies on
	 * return; the CPU is charged all the same.
	 */
	answer(context: CommandContext, rows: number): CommandContext {
		const ms = this.walk(rows);
		if (ms <= 0 || context.inProcess) return context;
		return heldFor(context, ms);
	}
}

/** A context whose replies are held back `ms`, then sent in order. */
function heldFor(context: CommandContext, ms: number): CommandContext {
	let held: ReplySentence[] | null = [];
	const timer = setTimeout(() => {
		const sentences = held ?? [];
		held = null;
		for (const sentence of sentences) context.emit(sentence);
	}, ms);
	timer.unref();
	return {
		...context,
		emit: sentence => {
			if (held) held.push(sentence);
			else context.emit(sentence);
		},
	};
}
