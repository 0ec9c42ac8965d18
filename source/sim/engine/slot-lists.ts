/**
 * Slots grouped into numbered lists (one per connection mark, one per flow class), kept as
 * doubly linked lists in typed arrays: O(1) add, remove and count, O(k) walk over one list,
 * and no hash table. A JS Set of a million numbers costs over a second to build here; this
 * costs eight bytes a slot.
 */
export class SlotLists {
	private next = new Int32Array(0);
	private prev = new Int32Array(0);
	private owner = new Int32Array(0);
	private readonly heads: number[] = [];
	private readonly counts: number[] = [];

	grow(capacity: number): void {
		const grow = (old: Int32Array) => {
			const array = new Int32Array(capacity).fill(-1);
			array.set(old);
			return array;
		};
		this.next = grow(this.next);
		this.prev = grow(this.prev);
		this.owner = grow(this.owner);
	}

	add(list: number, slot: number): void {
		const head = this.heads[list] ?? -1;
		this.next[slot] = head;
		this.prev[slot] = -1;
		if (head !== -1) this.prev[head] = slot;
		this.heads[list] = slot;
		this.owner[slot] = list;
		this.counts[list] = (this.counts[list] ?? 0) + 1;
	}

	remove(slot: number): void {
		const list = this.owner[slot];
		if (list === -1) return;
		const next = this.next[slot];
		const prev = this.prev[slot];
		if (prev === -1) this.heads[list] = next;
		else this.next[prev] = next;
		if (next !== -1) this.prev[next] = prev;
		this.owner[slot] = -1;
		this.counts[list]--;
	}

	count(list: number): number {
		return this.counts[list] ?? 0;
	}

	/** The slots of one list, gathered first so the caller may change lists as it goes. */
	slots(list: number): number[] {
		const slots: number[] = [];
		for (let slot = this.heads[list] ?? -1; slot !== -1; slot = this.next[slot]) slots.push(slot);
		return slots;
	}

	/** Lists that have at least one slot. */
	nonEmpty(): number[] {
		const lists: number[] = [];
		this.counts.forEach((count, list) => {
			if (count > 0) lists.push(list);
		});
		return lists;
	}
}
