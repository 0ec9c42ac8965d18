/**
 * A memo that forgets: two generations of at most `size` entries each. A hit in the old
 * generation moves to the new one, so what every frame uses stays and text that has scrolled
 * away is dropped once a generation fills. Get and set stay O(1) with no per-entry bookkeeping.
 */
export class BoundedCache<K, V> {
	private current = new Map<K, V>();
	private previous = new Map<K, V>();

	constructor(private readonly size: number) {}

	get(key: K): V | undefined {
		const value = this.current.get(key);
		if (value !== undefined) return value;
		const old = this.previous.get(key);
		if (old !== undefined) this.set(key, old);
		return old;
	}

	set(key: K, value: V): void {
		if (this.current.size >= this.size) {
			this.previous = this.current;
			this.current = new Map();
		}
		this.current.set(key, value);
	}
}

/** `compute(key)`, remembered in a BoundedCache. */
export function memoize<K, V>(compute: (key: K) => V, size: number): (key: K) => V {
	const cache = new BoundedCache<K, V>(size);
	return key => {
		let value = cache.get(key);
		if (value === undefined) {
			value = compute(key);
			cache.set(key, value);
		}
		return value;
	};
}
