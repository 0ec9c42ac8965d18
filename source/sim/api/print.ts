import {atLeast} from '../model/version.js';
import {formatId, parseId, type Fields, type Item} from '../model/item.js';
import type {RouterState} from '../model/router-state.js';
import {fieldOf, type MenuSpec} from '../menus/spec.js';
import {queryReaderOf} from '../menus/values.js';
import {compileQuery, type RowFilter} from './query.js';
import {category, traps} from './traps.js';
import type {CommandContext} from './types.js';

/**
 * What `print` takes besides queries; anything else is an unknown parameter. The display-only
 * flags change nothing over the API; `interval` and `from` are not simulated and so refused.
 */
export const printParameters: ReadonlySet<string> = new Set([
	'.proplist',
	'count-only',
	'stats',
	'detail',
	'follow',
	'follow-only',
	'without-paging',
	'terse',
	'brief',
	'as-value',
	'show-ids',
]);

/** A row as the router prints it: `.id` first, stored values over defaults, then computed ones. */
export function renderRow(router: RouterState, menu: MenuSpec, item: Item, stats: boolean): Fields {
	const row: Fields = menu.singleton ? {} : {'.id': formatId(item.id)};
	for (const field of menu.fields) {
		if (field.secret) continue;
		const stored = item.fields[field.name];
		const value = stored ?? (typeof field.default === 'function' ? field.default(router, item) : field.default);
		if (value !== undefined) row[field.name] = value;
	}
	if (menu.computed) Object.assign(row, menu.computed(router, item));
	if (menu.stats && stats) {
		row.bytes = String(item.bytes ?? 0);
		row.packets = String(item.packets ?? 0);
	}
	return row;
}

/** `*a` and `*A` name the same row. */
export function canonicalId(value: string): string {
	const id = parseId(value);
	return id === undefined ? value : formatId(id);
}

export function menuFilter(menu: MenuSpec, queries: string[]): RowFilter {
	return compileQuery(queries, name => (name === '.id' ? canonicalId : queryReaderOf(fieldOf(menu, name))));
}

/** `.proplist` keeps only the named properties; a missing one is simply left out. */
export function proplistOf(attributes: Fields): ((row: Fields) => Fields) | undefined {
	const list = attributes['.proplist'];
	if (list === undefined) return undefined;
	const names = list.split(',').filter(name => name !== '');
	return row => {
		const picked: Fields = {};
		for (const name of names) if (name in row) picked[name] = row[name];
		return picked;
	};
}

/** Emits rows, `!empty` on 7.18+ when there were none, and `!done`. */
export function finishPrint(router: RouterState, context: CommandContext, rows: Iterable<Fields>): void {
	let count = 0;
	for (const attributes of rows) {
		context.emit({type: 're', attributes});
		count++;
	}
	if (count === 0 && atLeast(router.version, 7, 18)) context.emit({type: 'empty'});
	context.emit({type: 'done'});
}

/** print / getall / listen over a menu backed by a table (everything but connections). */
export function printMenu(
	router: RouterState,
	menu: MenuSpec,
	attributes: Fields,
	filter: RowFilter,
	context: CommandContext,
	listen: boolean,
): void {
	const stats = 'stats' in attributes;
	const pick = proplistOf(attributes) ?? (row => row);
	const render = (item: Item) => renderRow(router, menu, item, stats);
	const follow = listen || 'follow' in attributes || 'follow-only' in attributes;
	const initial = listen || 'follow-only' in attributes ? [] : router.rows(menu.path);
	const selected: Fields[] = [];
	const shown = new Set<number>();
	for (const item of initial) {
		const row = render(item);
		if (!filter(row)) continue;
		selected.push(pick(row));
		shown.add(item.id);
	}
	if ('count-only' in attributes && !follow) {
		context.emit({type: 'done', ret: String(selected.length)});
		return;
	}
	if (!follow) {
		finishPrint(router, context, selected);
		return;
	}
	for (const row of selected) context.emit({type: 're', attributes: row});
	const where = menu.view?.where ?? {};
	const unsubscribe = router.table(menu.path).subscribe(change => {
		const {item} = change;
		if (!Object.entries(where).every(([name, value]) => item.fields[name] === value)) return;
		const row = change.kind === 'remove' ? undefined : render(item);
		if (row && filter(row)) {
			shown.add(item.id);
			context.emit({type: 're', attributes: pick(row)});
		} else if (shown.delete(item.id)) {
			context.emit({type: 're', attributes: {'.id': formatId(item.id), '.dead': 'yes'}});
		}
	});
	context.onCancel(() => {
		unsubscribe();
		context.emit({type: 'trap', message: traps.interrupted, category: category.interrupted});
		context.emit({type: 'done'});
	});
}
