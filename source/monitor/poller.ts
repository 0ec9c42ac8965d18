import {countedMarks} from '../pcc/live.js';
import type {ConnectionCounts, RouterConfig, Topology} from '../pcc/types.js';
import {pollsPerCount, type CountCost} from './counting.js';
import type {MonitorStore} from './store.js';
import type {MonitorSource, Snapshot, TickPlan, TickRead} from './types.js';

const minimumIntervalMs = 500;
/** Re-read the whole configuration this often even when nothing looked different. */
const fullReadEveryTicks = 30;

export interface PollerOptions {
	source: MonitorSource;
	store: MonitorStore;
	discover: (config: RouterConfig) => Topology;
	now?: () => number;
	/** Count on every poll whatever it costs the router (to measure what adapting saves). */
	countEveryPoll?: boolean;
}

/** The latest counts and what they cost. */
interface Counted extends CountCost {
	counts: ConnectionCounts;
	marks: string;
}

/** The mangle rule shapes the configuration was read with, to notice when it moves. */
function configShapes(read: TickRead): string {
	return read.mangle.map(rule => `${rule.id}:${rule.shape}`).join('\n');
}

function routeShapes(read: TickRead): string {
	return read.routes.map(route => `${route.id}:${route.table}:${route.gateway}:${route.distance}:${route.disabled}`).join('\n');
}

function planFor(topology: Topology): TickPlan {
	return {
		routeros: topology.routeros,
		marks: countedMarks(topology),
		interfaces: topology.wans.flatMap(wan => (wan.interface ? [wan.interface] : [])),
	};
}

/**
 * Polls the router every interval. One poll at a time: the next is scheduled only when the
 * previous one settled, and `refresh()` during a poll runs one right after it. While frozen
 * nothing is polled (no load on the router for data nobody looks at); `refresh()` still
 * takes one step.
 */
export class Poller {
	private readonly source: MonitorSource;
	private readonly store: MonitorStore;
	private readonly discover: (config: RouterConfig) => Topology;
	private readonly now: () => number;
	private readonly countEveryPoll: boolean;
	private counted: Counted | null = null;
	private counting: Promise<void> | null = null;
	/** Polls since the last count started. */
	private sinceCount = 0;
	private config: RouterConfig | null = null;
	private topology: Topology | null = null;
	private shapes = {mangle: '', routes: ''};
	private ticks = 0;
	private timer: NodeJS.Timeout | undefined;
	private running = false;
	private inFlight: Promise<void> | null = null;
	private again = false;
	private stepOnce = false;

	constructor(options: PollerOptions) {
		this.source = options.source;
		this.store = options.store;
		this.discover = options.discover;
		this.now = options.now ?? Date.now;
		this.countEveryPoll = options.countEveryPoll ?? false;
	}

	start(): void {
		if (this.running) return;
		this.running = true;
		this.schedule(0);
	}

	/** Stops polling and waits for a poll in flight to settle. */
	async stop(): Promise<void> {
		this.running = false;
		clearTimeout(this.timer);
		await this.inFlight;
	}

	/** Polls now, or as soon as the poll in flight settles. */
	refresh(): void {
		if (!this.running) return;
		if (this.store.getState().frozen) this.stepOnce = true;
		if (this.inFlight) this.again = true;
		else this.schedule(0);
	}

	setIntervalMs(ms: number): void {
		const interval = Math.max(minimumIntervalMs, ms);
		this.store.dispatch({type: 'interval', ms: interval});
		if (this.running && !this.inFlight) this.schedule(interval);
	}

	setFrozen(frozen: boolean): void {
		this.store.dispatch({type: 'frozen', frozen});
		if (!frozen) this.refresh();
	}

	/**
	 * Forget the configuration and the counts: the next poll reads both again (after a
	 * reconnect, say). Counts spaced out on a slow router would otherwise be shown from the
	 * table before a reboot until the next count came in.
	 */
	invalidate(): void {
		this.config = null;
		this.counted = null;
	}

	private schedule(delayMs: number): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => this.run(), delayMs);
	}

	private run(): void {
		if (!this.running || this.inFlight) return;
		const state = this.store.getState();
		if (state.frozen && !this.stepOnce) return;
		const step = this.stepOnce;
		this.stepOnce = false;
		const started = this.now();
		this.inFlight = this.poll(step).finally(() => {
			this.inFlight = null;
			if (!this.running) return;
			const again = this.again;
			this.again = false;
			const interval = this.store.getState().intervalMs;
			this.schedule(again ? 0 : Math.max(0, interval - (this.now() - started)));
		});
	}

	/**
	 * Counts on this poll when the last count is `pollsPerCount` polls old, or there is none
	 * for these marks. While counting fits the budget at every poll, or nothing can be shown
	 * without it, the count is awaited with the poll's other reads (the promise returned);
	 * otherwise it runs beside the polls, which show the counts before it until it is in.
	 * Never two at once.
	 */
	private startCount(marks: string[], intervalMs: number, tickStarted: number): Promise<void> | null {
		const key = marks.join('\n');
		const fresh = this.counted !== null && this.counted.marks === key;
		const every = fresh ? this.pollsPerCount(intervalMs) : 1;
		this.sinceCount++;
		if (!this.counting && this.sinceCount >= every) {
			this.sinceCount = 0;
			this.counting = this.source.readCounts(marks).then(
				counts => {
					const at = this.now();
					// The count's whole round trip: the router's walks are in it, and less a poll's own
					// round trip would understate them whenever the link or the router is slow.
					this.counted = {counts, marks: key, at, routerMs: at - tickStarted};
				},
				(error: unknown) => {
					this.sinceCount = Number.POSITIVE_INFINITY;
					throw error;
				},
			).finally(() => {
				this.counting = null;
			});
			// A count beside the polls must not end up an unhandled rejection; the next count retries.
			this.counting.catch(() => {});
		}
		return every === 1 ? this.counting : null;
	}

	private pollsPerCount(intervalMs: number): number {
		return this.countEveryPoll || !this.counted ? 1 : pollsPerCount(intervalMs, this.counted.routerMs);
	}

	private async readConfig(): Promise<void> {
		this.config = await this.source.readConfig();
		this.topology = this.discover(this.config);
	}

	private async poll(step: boolean): Promise<void> {
		const pollStarted = this.now();
		try {
			let configChanged = false;
			if (!this.config || !this.topology || this.ticks % fullReadEveryTicks === 0) await this.readConfig();
			const started = this.now();
			const plan = planFor(this.topology!);
			const intervalMs = this.store.getState().intervalMs;
			const count = this.startCount(plan.marks, intervalMs, started);
			const read = await this.source.readTick(plan);
			const at = this.now();
			const rttMs = at - started;
			await count;
			const shapes = {mangle: configShapes(read), routes: routeShapes(read)};
			if (this.ticks > 0 && (shapes.mangle !== this.shapes.mangle || shapes.routes !== this.shapes.routes)) {
				const wans = this.topology!.wans.map(wan => `${wan.name}:${wan.remainders.join(',')}`).join(' ');
				await this.readConfig();
				configChanged = this.topology!.wans.map(wan => `${wan.name}:${wan.remainders.join(',')}`).join(' ') !== wans;
			}
			this.shapes = shapes;
			this.ticks++;
			if (!this.counted) throw new Error('no connection counts yet');
			const snapshot: Snapshot = {
				...read,
				at,
				rttMs,
				pollMs: this.now() - pollStarted,
				config: this.config!,
				topology: this.topology!,
				configChanged,
				counts: this.counted.counts,
				counting: {at: this.counted.at, routerMs: this.counted.routerMs, everyMs: this.pollsPerCount(intervalMs) * intervalMs},
			};
			if (step) this.store.dispatch({type: 'frozen', frozen: false});
			this.store.dispatch({type: 'snapshot', snapshot});
			if (step) this.store.dispatch({type: 'frozen', frozen: true});
		} catch (error) {
			this.store.dispatch({type: 'poll-error', at: this.now(), message: error instanceof Error ? error.message : String(error)});
		}
	}
}
