/**
 * A small seeded PRNG (mulberry32): the same seed gives the same run, which is what lets a
 * scenario or a test replay traffic exactly. Not for anything secret.
 */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	}

	/** Uniform integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** Uniform in [min, max). */
	between(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	/** Exponentially distributed with the given mean: inter-arrival times, lifetimes. */
	exponential(mean: number): number {
		return -Math.log(1 - this.next()) * mean;
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}
}
