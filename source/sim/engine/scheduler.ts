import {formatDate, parseDate, parseDuration} from '../model/format.js';
import type {Item} from '../model/item.js';
import {paths, type EngineRouter} from './router-port.js';
import {runOnEvent, type ScriptContext} from './scripts.js';

/** `start-time=startup` runs this long after the router starts (docs/simulator-api.md, "Scheduler"). */
const startupDelayMs = 3000;

interface Plan {
	/** What the plan was made from: a change to any of them makes a new one. */
	from: string;
	next: number;
}

/**
 * `/system/scheduler` (docs/simulator-api.md, "Scheduler"): each enabled entry runs its
 * `on-event` (a script's name, or script text) at its start time and then every `interval`,
 * counting `run-count` and showing `next-run`. `start-time=startup` is 3 s after the router
 * starts, and with an interval the first run is one interval after that. A time of day is on
 * `start-date` in the router's clock (UTC here). A start already past runs at the next step
 * of its interval, or never without one.
 */
export class Scheduler {
	private readonly plans = new Map<Item, Plan>();
	private bootedAt = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly router: EngineRouter,
		private readonly context: ScriptContext,
	) {}

	/** The router starts (and after a reboot, starts again). */
	boot(now: number): void {
		this.plans.clear();
		this.bootedAt = now;
	}

	tick(now: number): void {
		const table = this.router.table(paths.scheduler);
		for (const item of [...this.plans.keys()]) if (!table.items.includes(item)) this.plans.delete(item);
		for (const item of [...table.items]) {
			if (item.fields.disabled === 'true') {
				this.plans.delete(item);
				this.show(item, undefined);
				continue;
			}
			const from = [item.fields['start-date'], item.fields['start-time'], item.fields.interval].join('|');
			let plan = this.plans.get(item);
			if (plan?.from !== from) {
				plan = {from, next: this.firstRun(item, now)};
				this.plans.set(item, plan);
			}
			if (plan.next <= now) {
				const interval = parseDuration(item.fields.interval ?? '') ?? 0;
				plan.next = interval > 0 ? plan.next + Math.ceil((now - plan.next + 1) / interval) * interval : Number.POSITIVE_INFINITY;
				item.fields['run-count'] = String(Number(item.fields['run-count'] ?? 0) + 1);
				this.show(item, plan.next);
				runOnEvent(item.fields['on-event'] ?? '', this.context);
			} else {
				this.show(item, plan.next);
			}
		}
	}

	/** Reboot: every entry starts over from the next start, its count from zero. */
	reset(): void {
		this.plans.clear();
		for (const item of this.router.table(paths.scheduler).items) item.fields['run-count'] = '0';
	}

	private firstRun(item: Item, now: number): number {
		const interval = parseDuration(item.fields.interval ?? '') ?? 0;
		const startup = (item.fields['start-time'] ?? 'startup') === 'startup';
		const start = startup ? this.bootedAt + startupDelayMs : parseDate(item.fields['start-date'] ?? '', item.fields['start-time'] ?? '');
		if (start === undefined) return Number.POSITIVE_INFINITY;
		// At start-up an entry with an interval waits for it first.
		const first = startup && interval > 0 ? start + interval : start;
		if (first >= now) return first;
		return interval > 0 ? start + Math.ceil((now - start) / interval) * interval : Number.POSITIVE_INFINITY;
	}

	private show(item: Item, next: number | undefined): void {
		item.fields['next-run'] = next === undefined || !Number.isFinite(next) ? '' : formatDate(next, this.router.version);
	}
}
