import type {Connection} from '../model/conntrack.js';
import {formatId, parseId, type Fields} from '../model/item.js';
import type {RouterState} from '../model/router-state.js';
import type {MenuSpec} from '../menus/spec.js';
import {finishPrint, menuFilter, proplistOf} from './print.js';
import {CommandFailure, traps} from './traps.js';
import type {CommandContext} from './types.js';

/**
 * The queries a monitor sends per mark (`?connection-mark=X`, `?-connection-mark`,
 * `?connection-mark=`) select exactly the index's buckets. Returns the mark (undefined for
 * unmarked), or null when the queries need a scan.
 */
function markOnly(queries: string[]): string | undefined | null {
	if (isUnmarkedEither(queries)) return undefined;
	if (queries.length !== 1) return null;
	const [query] = queries;
	if (query === '-connection-mark') return undefined;
	const match = /^=?connection-mark=(.*)$/.exec(query);
	if (!match) return null;
	return match[1] === '' ? undefined : match[1];
}

/**
 * `?-connection-mark ?connection-mark= ?#|` (either order): no mark or an empty one, both the
 * index's unmarked bucket. pccmon counts the unmarked this way every poll, so a scan here
 * made each poll cost time in proportion to the table.
 */
function isUnmarkedEither(queries: string[]): boolean {
	if (queries.length !== 3 || queries[2] !== '#|') return false;
	const [first, second] = queries.slice(0, 2).map(word => word.replace(/^=/, '')).sort();
	return first === '-connection-mark' && second === 'connection-mark=';
}

function row(router: RouterState, connection: Connection, now: number): Fields {
	const fields = router.conntrack.format(connection, now);
	fields['.id'] ??= formatId(connection.id);
	return fields;
}

/** print over the connection table: counts and mark listings from the index, the rest by scan. */
export function printConnections(
	router: RouterState,
	menu: MenuSpec,
	attributes: Fields,
	queries: string[],
	context: CommandContext,
): void {
	const store = router.conntrack;
	const mark = markOnly(queries);
	if ('count-only' in attributes) {
		let count: number;
		if (queries.length === 0) count = store.size;
		else if (mark !== null) count = store.countByMark(mark);
		else if (queries.length === 1 && /^=?connection-mark$/.test(queries[0])) count = store.size - store.countByMark(undefined);
		else count = countOf(scan(router, menu, queries));
		context.emit({type: 'done', ret: String(count)});
		return;
	}
	const pick = proplistOf(attributes) ?? ((fields: Fields) => fields);
	if (mark !== null) {
		finishPrint(router, context, byMark(router, mark, attributes['.proplist'] === '.id' ? undefined : pick));
		return;
	}
	finishPrint(router, context, map(scan(router, menu, queries), pick));
}

/** A mark's rows from the index; without `pick` only ids, which need no formatting. */
function* byMark(router: RouterState, mark: string | undefined, pick: ((fields: Fields) => Fields) | undefined): Iterable<Fields> {
	const store = router.conntrack;
	const now = router.now();
	for (const id of store.idsByMark(mark)) {
		if (!pick) {
			yield {'.id': formatId(id)};
			continue;
		}
		const connection = store.get(id);
		if (connection) yield pick(row(router, connection, now));
	}
}

/** Rows one at a time, so a print of a million connections never holds them all. */
function* scan(router: RouterState, menu: MenuSpec, queries: string[]): Iterable<Fields> {
	const filter = menuFilter(menu, queries);
	const now = router.now();
	for (const connection of router.conntrack.values()) {
		const fields = row(router, connection, now);
		if (filter(fields)) yield fields;
	}
}

function countOf(rows: Iterable<Fields>): number {
	let count = 0;
	for (const _fields of rows) count++;
	return count;
}

function* map(rows: Iterable<Fields>, pick: (fields: Fields) => Fields): Iterable<Fields> {
	for (const fields of rows) yield pick(fields);
}

/**
 * Removes the listed connections. A connection may expire between a listing and its removal;
 * like a router resolving every id first, an unknown id fails the command and removes none.
 */
export function removeConnections(router: RouterState, attributes: Fields): void {
	const text = attributes['.id'] ?? attributes.numbers;
	if (Object.keys(attributes).some(name => name !== '.id' && name !== 'numbers')) {
		throw new CommandFailure(traps.unknownParameter);
	}
	if (text === undefined || text.trim() === '') throw new CommandFailure(traps.noSuchItem);
	const ids = text.split(',').map(part => parseId(part));
	if (ids.some(id => id === undefined || !router.conntrack.get(id))) throw new CommandFailure(traps.noSuchItem);
	for (const id of ids) router.conntrack.remove(id!);
}
