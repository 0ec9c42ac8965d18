import {formatId, parseId, type Fields, type Item} from '../model/item.js';
import {counterNames} from '../menus/interfaces.js';
import type {RouterState} from '../model/router-state.js';
import {basePath, fieldOf, type CommandRouter, type MenuSpec} from '../menus/spec.js';
import {checkValue} from '../menus/values.js';
import {category, CommandFailure, traps} from './traps.js';
import type {CommandContext} from './types.js';

/** The rows `.id` / `numbers` name: `*HEX` ids or, on named menus, names; comma-separated. */
export function targets(router: RouterState, menu: MenuSpec, attributes: Fields, name = '.id'): Item[] {
	if (menu.singleton) return router.rows(menu.path);
	const text = attributes[name] ?? attributes.numbers;
	if (text === undefined || text.trim() === '') throw new CommandFailure(traps.noSuchItem);
	const rows = router.rows(menu.path);
	return text.split(',').map(part => {
		const wanted = part.trim();
		const id = parseId(wanted);
		const item =
			id === undefined
				? menu.key && rows.find(row => row.fields[menu.key!] === wanted)
				: rows.find(row => row.id === id);
		if (!item) throw new CommandFailure(traps.noSuchItem);
		return item;
	});
}

/** Validates `=name=value` words into stored values; `reserved` names are the verb's own. */
export function parseChanges(router: RouterState, menu: MenuSpec, attributes: Fields, reserved: readonly string[]): Fields {
	const changes: Fields = {};
	for (const [name, raw] of Object.entries(attributes)) {
		if (reserved.includes(name)) continue;
		const field = fieldOf(menu, name);
		if (!field || field.readOnly) throw new CommandFailure(traps.unknownParameter);
		const checked = checkValue(router, field, raw);
		if ('error' in checked) throw new CommandFailure(checked.error, category.argument);
		changes[name] = checked.value;
	}
	return changes;
}

function merge(fields: Fields, changes: Fields): Fields {
	const merged = {...fields};
	for (const [name, value] of Object.entries(changes)) {
		if (value === '') delete merged[name];
		else merged[name] = value;
	}
	return merged;
}

function validateRow(router: RouterState, menu: MenuSpec, row: Fields, existing: Item | undefined): void {
	const missing = menu.fields.filter(field => field.required && row[field.name] === undefined).map(field => field.name);
	if (missing.length > 0) {
		throw new CommandFailure(`missing value(s) of argument(s) ${missing.join(', ')}`, category.argument);
	}
	if (menu.key) {
		const name = row[menu.key];
		const other = router.findByName(basePath(menu), name);
		if (other && other.id !== existing?.id) {
			throw new CommandFailure(menu.duplicateMessage ?? 'failure: already have such entry', category.argument);
		}
	}
	const problem = menu.check?.(router, row, existing);
	if (problem !== undefined) throw new CommandFailure(problem, category.argument);
	if (menu.unique) {
		const {fields, message} = menu.unique;
		const taken = router.rows(menu.path).some(item => item.id !== existing?.id && fields.every(name => item.fields[name] === row[name]));
		if (taken) throw new CommandFailure(message, category.argument);
	}
}

/** The next free `vlan1`, `vlan2`... */
function autoName(router: RouterState, menu: MenuSpec, prefix: string): string {
	for (let number = 1; ; number++) {
		const name = `${prefix}${number}`;
		if (!router.findByName(basePath(menu), name)) return name;
	}
}

/** A renamed interface, list or table keeps its references, as RouterOS refers by id. */
function renameReferences(router: CommandRouter, path: string, from: string, to: string): void {
	for (const menuPath of router.menuPaths()) {
		const menu = router.menu(menuPath)!;
		for (const field of menu.fields) {
			const gateway = field.kind === 'gateway' && path === '/interface';
			if (field.ref?.path !== path && !gateway) continue;
			for (const item of router.rows(menuPath)) {
				const value = item.fields[field.name];
				if (value === undefined) continue;
				const renamed = gateway ? renameGateways(value, from, to) : renameMatcher(value, from, to);
				if (renamed !== value) router.update(menuPath, item.id, {[field.name]: renamed});
			}
		}
	}
}

/** A negated matcher keeps its `!`. */
function renameMatcher(value: string, from: string, to: string): string {
	if (value === from) return to;
	return value === `!${from}` ? `!${to}` : value;
}

/** Gateways are addresses, `address%interface` or interface names, comma-separated. */
function renameGateways(value: string, from: string, to: string): string {
	return value
		.split(',')
		.map(gateway => {
			const [address, via] = gateway.split('%');
			if (via === from) return `${address}%${to}`;
			return gateway === from ? to : gateway;
		})
		.join(',');
}

function record(router: RouterState, menu: MenuSpec, context: CommandContext, what: string): void {
	router.table(menu.path).edited();
	if (context.quiet || !menu.logName) return;
	router.log('system,info', `${menu.logName} ${what} by ${context.user.name}`);
}

function placeBefore(router: RouterState, menu: MenuSpec, text: string | undefined): number | undefined {
	if (text === undefined || text === '') return undefined;
	const rows = router.rows(menu.path);
	// Scripts and exports give a position in print order, the API an id.
	const item = /^\d+$/.test(text) ? rows[Number(text)] : rows.find(row => row.id === parseId(text));
	if (!item) throw new CommandFailure(traps.noSuchItem);
	return item.id;
}

export function add(router: RouterState, menu: MenuSpec, attributes: Fields, context: CommandContext): string {
	const reserved = menu.ordered ? ['place-before'] : [];
	const changes = parseChanges(router, menu, attributes, reserved);
	if (menu.autoName && menu.key && !changes[menu.key]) changes[menu.key] = autoName(router, menu, menu.autoName);
	const row = merge(menu.stamp?.(router) ?? {}, changes);
	validateRow(router, menu, row, undefined);
	const before = menu.ordered ? placeBefore(router, menu, attributes['place-before']) : undefined;
	const item = router.table(menu.path).add({...row, ...menu.view?.where}, before);
	record(router, menu, context, 'added');
	return formatId(item.id);
}

function refuseDynamic(item: Item, message: string): void {
	if (item.fields.dynamic === 'true' || item.fields.builtin === 'true') throw new CommandFailure(message);
}

export function set(router: CommandRouter, menu: MenuSpec, attributes: Fields, context: CommandContext): void {
	const items = targets(router, menu, attributes);
	const changes = parseChanges(router, menu, attributes, ['.id', 'numbers']);
	applyChanges(router, menu, items, changes, context);
}

function applyChanges(router: CommandRouter, menu: MenuSpec, items: Item[], changes: Fields, context: CommandContext): void {
	for (const item of items) {
		refuseDynamic(item, traps.dynamicChange);
		validateRow(router, menu, merge(item.fields, changes), item);
	}
	for (const item of items) {
		const oldName = menu.key ? item.fields[menu.key] : undefined;
		router.update(menu.path, item.id, changes);
		const newName = menu.key ? item.fields[menu.key] : undefined;
		if (oldName !== undefined && newName !== undefined && oldName !== newName) {
			renameReferences(router, basePath(menu), oldName, newName);
		}
	}
	if (items.length > 0) record(router, menu, context, 'changed');
}

export function unset(router: CommandRouter, menu: MenuSpec, attributes: Fields, context: CommandContext): void {
	const items = targets(router, menu, attributes);
	const names = (attributes['value-name'] ?? '').split(',').filter(name => name !== '');
	const unknown = Object.keys(attributes).some(name => !['.id', 'numbers', 'value-name'].includes(name));
	if (unknown || names.length === 0) throw new CommandFailure(traps.unknownParameter);
	const changes = parseChanges(router, menu, Object.fromEntries(names.map(name => [name, ''])), []);
	applyChanges(router, menu, items, changes, context);
}

export function enable(router: CommandRouter, menu: MenuSpec, attributes: Fields, context: CommandContext, disabled: boolean): void {
	onlyIds(attributes);
	applyChanges(router, menu, targets(router, menu, attributes), {disabled: String(disabled)}, context);
}

export function remove(router: RouterState, menu: MenuSpec, attributes: Fields, context: CommandContext): void {
	onlyIds(attributes);
	const items = targets(router, menu, attributes);
	for (const item of items) refuseDynamic(item, item.fields.builtin === 'true' ? traps.builtinRemove : traps.dynamicRemove);
	for (const item of items) router.delete(menu.path, item.id);
	if (items.length > 0) record(router, menu, context, 'removed');
}

export function move(router: RouterState, menu: MenuSpec, attributes: Fields, context: CommandContext): void {
	const unknown = Object.keys(attributes).some(name => !['.id', 'numbers', 'destination'].includes(name));
	if (unknown) throw new CommandFailure(traps.unknownParameter);
	const items = targets(router, menu, attributes, 'numbers');
	const destination = attributes.destination;
	const before = destination === undefined || destination === '' ? undefined : targets(router, menu, {numbers: destination})[0];
	for (const item of before ? [...items, before] : items) refuseDynamic(item, traps.builtinMove);
	router.table(menu.path).move(
		items.map(item => item.id),
		before?.id,
	);
	record(router, menu, context, 'moved');
}

export function resetCounters(router: RouterState, menu: MenuSpec, attributes: Fields, all: boolean): void {
	if (!all) onlyIds(attributes);
	const items = all ? router.rows(menu.path) : targets(router, menu, attributes);
	for (const item of items) {
		item.bytes = 0;
		item.packets = 0;
		if (basePath(menu) === '/interface') for (const counter of counterNames) delete item.fields[counter];
	}
}

function onlyIds(attributes: Fields): void {
	if (Object.keys(attributes).some(name => name !== '.id' && name !== 'numbers')) {
		throw new CommandFailure(traps.unknownParameter);
	}
}
