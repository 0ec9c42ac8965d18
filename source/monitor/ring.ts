/**
 * A fixed-size history of timestamped numbers. Old samples are overwritten; NaN marks a sample
 * whose value was unknown (a counter reset), so charts show a gap rather than a lie.
 */
export class RingBuffer {
	readonly capacity: number;
	private readonly times: Float64Array;
	private readonly values: Float64Array;
	private start = 0;
	private count = 0;

	constructor(capacity: number) {
		if (!(capacity >= 1)) throw new RangeError('a ring buffer needs room for one sample');
		this.capacity = Math.floor(capacity);
		this.times = new Float64Array(this.capacity);
		this.values = new Float64Array(this.capacity);
	}

	get length(): number {
		return this.count;
	}

	push(at: number, value: number): void {
		const index = (this.start + this.count) % this.capacity;
		this.times[index] = at;
		this.values[index] = value;
		if (this.count < this.capacity) this.count++;
		else this.start = (this.start + 1) % this.capacity;
	}

	/** The newest value, or undefined when empty. */
	last(): number | undefined {
		return this.count === 0 ? undefined : this.values[(this.start + this.count - 1) % this.capacity];
	}

	/** Up to `n` newest values, oldest first. */
	tail(n: number): number[] {
		const take = Math.max(0, Math.min(n, this.count));
		const out = new Array<number>(take);
		for (let i = 0; i < take; i++) out[i] = this.values[(this.start + this.count - take + i) % this.capacity];
		return out;
	}

	/**
	 * The newest `n` spans of `spanMs` each, oldest first: the mean of the samples in each, NaN
	 * when all of them were unknown, the span before's value when it holds none (sampled less
	 * often than once a span). Spans are aligned to the clock (the newest is the one holding the
	 * newest sample), so a span's value only moves while it is the newest.
	 */
	spans(n: number, spanMs: number): number[] {
		if (this.count === 0 || n <= 0) return [];
		const newest = Math.floor(this.times[(this.start + this.count - 1) % this.capacity] / spanMs);
		const oldest = Math.max(newest - n + 1, Math.floor(this.times[this.start] / spanMs));
		const sums = new Float64Array(newest - oldest + 1);
		const counts = new Uint32Array(newest - oldest + 1);
		const seen = new Uint8Array(newest - oldest + 1);
		let before = Number.NaN;
		for (let back = this.count - 1; back >= 0; back--) {
			const index = (this.start + back) % this.capacity;
			const span = Math.floor(this.times[index] / spanMs);
			if (span < oldest) {
				before = this.values[index];
				break;
			}
			seen[span - oldest] = 1;
			const value = this.values[index];
			if (Number.isNaN(value)) continue;
			sums[span - oldest] += value;
			counts[span - oldest]++;
		}
		const out = new Array<number>(sums.length);
		for (let index = 0; index < sums.length; index++) {
			if (!seen[index]) out[index] = index > 0 ? out[index - 1] : before;
			else out[index] = counts[index] === 0 ? Number.NaN : sums[index] / counts[index];
		}
		return out;
	}

	/** Drops samples older than `cutoff`, so the buffer holds a time span, not a count. */
	dropBefore(cutoff: number): void {
		while (this.count > 0 && this.times[this.start] < cutoff) {
			this.start = (this.start + 1) % this.capacity;
			this.count--;
		}
	}

	/** The oldest sample's time, or undefined when empty. */
	firstTime(): number | undefined {
		return this.count === 0 ? undefined : this.times[this.start];
	}
}
