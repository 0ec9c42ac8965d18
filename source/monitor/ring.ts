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
