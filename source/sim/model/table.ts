import type {Fields, Item} from './item.js';

export type TableChange = {kind: 'add' | 'set'; item: Item} | {kind: 'remove'; item: Item};

/**
 * The rows of one menu in the order the router keeps them. Firewall rules are ordered
 * (place-before, move); other menus simply append.
 */
export class Table {
	readonly items: Item[] = [];
	private nextId: number;
	private readonly listeners = new Set<(change: TableChange) => void>();
	private readonly editListeners = new Set<() => void>();

	constructor(
		readonly path: string,
		firstId = 1,
	) {
		this.nextId = firstId;
	}

	get(id: number): Item | undefined {
		return this.items.find(item => item.id === id);
	}

	indexOf(id: number): number {
		return this.items.findIndex(item => item.id === id);
	}

	find(predicate: (fields: Fields, item: Item) => boolean): Item[] {
		return this.items.filter(item => predicate(item.fields, item));
	}

	/** Adds a row at the end, or before the row with id `before`; `id` for rows RouterOS numbers itself (`*0`). */
	add(fields: Fields, before?: number, id?: number): Item {
		const item: Item = {id: id ?? this.nextId++, fields: {...fields}};
		const index = before === undefined ? -1 : this.indexOf(before);
		if (index === -1) this.items.push(item);
		else this.items.splice(index, 0, item);
		this.notify({kind: 'add', item});
		return item;
	}

	/** Sets fields; an empty-string value unsets the field, as RouterOS does for `!name`/`name=""` on most menus. */
	set(id: number, changes: Fields): Item | undefined {
		const item = this.get(id);
		if (!item) return undefined;
		for (const [name, value] of Object.entries(changes)) {
			if (value === '') delete item.fields[name];
			else item.fields[name] = value;
		}
		this.notify({kind: 'set', item});
		return item;
	}

	remove(id: number): Item | undefined {
		const index = this.indexOf(id);
		if (index === -1) return undefined;
		const [item] = this.items.splice(index, 1);
		this.notify({kind: 'remove', item});
		return item;
	}

	/** Moves rows, keeping their relative order, before `before` (or to the end). */
	move(ids: number[], before?: number): void {
		const moving = ids.map(id => this.get(id)).filter((item): item is Item => item !== undefined);
		for (const item of moving) this.items.splice(this.items.indexOf(item), 1);
		const index = before === undefined ? -1 : this.indexOf(before);
		this.items.splice(index === -1 ? this.items.length : index, 0, ...moving);
		for (const item of moving) this.notify({kind: 'set', item});
	}

	subscribe(listener: (change: TableChange) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Calls `listener` after a command (API, script, import) changed rows; not after the router's own updates. */
	onEdit(listener: () => void): () => void {
		this.editListeners.add(listener);
		return () => this.editListeners.delete(listener);
	}

	/** Said by the command layer once a command's change is made. */
	edited(): void {
		for (const listener of this.editListeners) listener();
	}

	private notify(change: TableChange): void {
		for (const listener of this.listeners) listener(change);
	}
}
