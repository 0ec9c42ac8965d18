/**
 * Interns short strings (marks, interface names) as small integers so a million connections
 * can hold them in typed arrays. Index 0 stands for "none".
 */
export class NamePool {
	private readonly indexes = new Map<string, number>();
	private readonly names: Array<string | undefined> = [undefined];

	index(name: string | undefined): number {
		if (name === undefined) return 0;
		let index = this.indexes.get(name);
		if (index === undefined) {
			index = this.names.length;
			this.names.push(name);
			this.indexes.set(name, index);
		}
		return index;
	}

	/** The index of a name already seen, or -1: lookups must not grow the pool. */
	find(name: string | undefined): number {
		return name === undefined ? 0 : this.indexes.get(name) ?? -1;
	}

	name(index: number): string | undefined {
		return this.names[index];
	}
}
