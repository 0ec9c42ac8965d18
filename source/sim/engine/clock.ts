/**
 * Simulated time in milliseconds. Everything time-driven in the simulated router (traffic,
 * gateway pings, netwatch) schedules work here, so a test can step time by hand and get the
 * same result every run, while `pccmon sim` lets it follow the wall clock.
 */
interface Task {
	at: number;
	/** Period for repeating work; undefined for one-shot. */
	every: number | undefined;
	run: (now: number) => void;
	/** Order among tasks due at the same instant: first scheduled runs first. */
	order: number;
	cancelled: boolean;
}

export class SimClock {
	private current: number;
	private readonly tasks: Task[] = [];
	private order = 0;
	private timer: NodeJS.Timeout | undefined;

	constructor(start = 0) {
		this.current = start;
	}

	now(): number {
		return this.current;
	}

	/** Runs `run` at simulated time `at` (or at once on the next advance when already due). */
	at(at: number, run: (now: number) => void): () => void {
		return this.schedule(at, undefined, run);
	}

	/** Runs `run` every `period` ms, first at now + `firstIn` (default one period). */
	every(period: number, run: (now: number) => void, firstIn = period): () => void {
		if (!(period > 0)) throw new RangeError(`period must be positive, got ${period}`);
		return this.schedule(this.current + firstIn, period, run);
	}

	/**
	 * Moves time forward by `ms`, running every task that falls due in time order with the
	 * clock set to the task's own instant, so work sees the time it was meant for.
	 */
	advance(ms: number): void {
		const end = this.current + Math.max(0, ms);
		for (;;) {
			const task = this.nextDue(end);
			if (!task) break;
			this.current = Math.max(this.current, task.at);
			if (task.every === undefined) this.drop(task);
			else task.at += task.every;
			task.run(this.current);
		}
		this.current = end;
	}

	/**
	 * Follows the wall clock: every `tickMs` of real time, advances by the real time elapsed
	 * times `speed`. A failure in scheduled work goes to `onError` (default: thrown, which
	 * ends the process) so a server can report it and keep serving.
	 */
	startRealTime(tickMs = 100, speed = 1, onError?: (error: unknown) => void): void {
		this.stopRealTime();
		let last = performance.now();
		this.timer = setInterval(() => {
			const now = performance.now();
			const elapsed = (now - last) * speed;
			last = now;
			try {
				this.advance(elapsed);
			} catch (error) {
				if (!onError) throw error;
				onError(error);
			}
		}, tickMs);
		this.timer.unref();
	}

	stopRealTime(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
	}

	get running(): boolean {
		return this.timer !== undefined;
	}

	private schedule(at: number, every: number | undefined, run: (now: number) => void): () => void {
		const task: Task = {at, every, run, order: this.order++, cancelled: false};
		this.tasks.push(task);
		return () => this.drop(task);
	}

	private drop(task: Task): void {
		task.cancelled = true;
		const index = this.tasks.indexOf(task);
		if (index !== -1) this.tasks.splice(index, 1);
	}

	private nextDue(end: number): Task | undefined {
		let best: Task | undefined;
		for (const task of this.tasks) {
			if (task.at > end) continue;
			if (!best || task.at < best.at || (task.at === best.at && task.order < best.order)) best = task;
		}
		return best;
	}
}
