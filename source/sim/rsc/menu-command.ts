import type {Fields} from '../model/item.js';
import type {SimRouter} from '../router.js';
import {ScriptError, toText, type RscValue} from './values.js';

/** An argument after evaluation: `name=value` (op `=`), a condition (`!=`, `~`) or a bare value. */
export interface Argument {
	name?: string;
	op?: '=' | '!=' | '~';
	value: RscValue;
}

/** Verbs that only show things: a loader passes over them. */
const displayVerbs = new Set(['export', 'edit', 'monitor']);

/** Verbs whose bare first argument names the items they act on (`set 0`, `remove [find]`). */
const selectingVerbs = new Set(['set', 'remove', 'enable', 'disable', 'move', 'unset', 'comment', 'reset-counters']);

/** How a command is written in an export, for messages: `/ip firewall mangle add`. */
export function cliName(path: readonly string[], verb: string): string {
	return `/${[...path, verb].join(' ')}`;
}

function apiPath(path: readonly string[]): string {
	return `/${path.join('/')}`;
}

/** Values as a script writes them (`yes`) against values as print shows them (`true`). */
function sameValue(shown: string | undefined, wanted: string): boolean {
	const value = shown ?? '';
	if (value === wanted) return true;
	if (wanted === 'yes') return value === 'true';
	if (wanted === 'no') return value === 'false' || value === '';
	return false;
}

interface Condition {
	name: string;
	op: '=' | '!=' | '~';
	value: string;
}

/** `name=value`, `name!=value`, `name~regex`, `name` (a flag), `!name`; `where`/`and` are words. */
function conditionsOf(args: readonly Argument[]): Condition[] {
	const conditions: Condition[] = [];
	for (const arg of args) {
		if (arg.name !== undefined) {
			conditions.push({name: arg.name, op: arg.op ?? '=', value: toText(arg.value)});
			continue;
		}
		const word = toText(arg.value);
		if (word === 'where' || word === 'and' || word === '') continue;
		if (!/^!?[a-z][a-z0-9-]*$/.test(word)) throw new ScriptError(`cannot read find condition "${word}"`);
		const negated = word.startsWith('!');
		conditions.push({name: negated ? word.slice(1) : word, op: negated ? '!=' : '=', value: 'yes'});
	}
	return conditions;
}

function matches(row: Fields, condition: Condition): boolean {
	const value = row[condition.name];
	switch (condition.op) {
		case '=':
			return sameValue(value, condition.value);
		case '!=':
			return !sameValue(value, condition.value);
		case '~':
			try {
				return value !== undefined && new RegExp(condition.value).test(value);
			} catch {
				throw new ScriptError(`invalid regular expression "${condition.value}"`);
			}
	}
}

/**
 * Runs menu commands of a script against a router, as `/import` does: through the router's
 * own command executor as a full-rights user, so validation (unknown menus and properties,
 * values it does not take) is the router's. A refused command throws its reason.
 */
export class MenuCommands {
	/** Changes the router took. */
	applied = 0;

	constructor(private readonly router: SimRouter) {}

	/** The menu's rows as print numbers them, each with its `.id`. */
	private rows(path: readonly string[]): Fields[] {
		const result = this.router.run(`${apiPath(path)}/print`, {}, {quiet: true});
		if (result.traps.length > 0) throw new ScriptError(result.traps.join('; '));
		return result.rows;
	}

	private find(path: readonly string[], args: readonly Argument[]): Fields[] {
		const conditions = conditionsOf(args);
		return this.rows(path).filter(row => conditions.every(condition => matches(row, condition)));
	}

	/** The `.id`s a selector stands for: print numbers, ids, names, or the array a find returned. */
	private ids(path: readonly string[], value: RscValue): string[] {
		const parts = Array.isArray(value) ? value.map(toText) : toText(value).split(',');
		let rows: Fields[] | undefined;
		return parts.filter(part => part !== '').map(part => {
			if (!/^\d+$/.test(part)) return part;
			rows ??= this.rows(path);
			const id = rows[Number(part)]?.['.id'];
			if (!id) throw new ScriptError(`no such item (${part})`);
			return id;
		});
	}

	/** The full name of a property the CLI lets a script shorten (`to-address`, `.as`). */
	private propertyName(path: readonly string[], name: string, previous: string | undefined): string {
		const fields = this.router.menu(apiPath(path))?.fields.map(field => field.name) ?? [];
		let wanted = name;
		// `remote.address=... .as=...`: a leading dot continues the previous dotted name.
		if (wanted.startsWith('.') && wanted !== '.id' && previous?.includes('.')) wanted = previous.slice(0, previous.indexOf('.')) + wanted;
		if (fields.includes(wanted)) return wanted;
		const candidates = fields.filter(field => field.startsWith(wanted));
		return candidates.length === 1 ? candidates[0] : wanted;
	}

	run(path: readonly string[], verb: string, args: readonly Argument[]): RscValue {
		if (displayVerbs.has(verb)) return undefined;
		if (verb === 'find') return this.find(path, args).map(row => row['.id']!).filter(Boolean);
		if (verb === 'print') {
			const countOnly = args.some(arg => arg.name === undefined && toText(arg.value) === 'count-only');
			if (!countOnly) return undefined;
			return this.find(path, args.filter(arg => !(arg.name === undefined && ['count-only', 'where'].includes(toText(arg.value))))).length;
		}
		if (verb === 'get') return this.get(path, args);
		return this.change(path, verb, args);
	}

	private get(path: readonly string[], args: readonly Argument[]): RscValue {
		const bare = args.filter(arg => arg.name === undefined).map(arg => arg.value);
		const menu = this.router.menu(apiPath(path));
		const rows = this.rows(path);
		let row: Fields | undefined;
		let property: string | undefined;
		if (menu?.singleton) {
			row = rows[0];
			property = toText(bare[0]);
		} else {
			const wanted = bare[0];
			const [id] = this.ids(path, wanted);
			const key = menu?.key ?? 'name';
			row = rows.find(candidate => candidate['.id'] === id || candidate[key] === id);
			property = bare[1] === undefined ? undefined : toText(bare[1]);
			if (!row) throw new ScriptError('no such item');
		}
		if (property === undefined) return row ? new Map(Object.entries(row)) : undefined;
		return row?.[property];
	}

	private change(path: readonly string[], verb: string, args: readonly Argument[]): RscValue {
		const attributes: Array<[string, string]> = [];
		let selector: string[] | undefined;
		let previous: string | undefined;
		for (const arg of args) {
			if (arg.name === undefined) {
				const text = toText(arg.value);
				if (selectingVerbs.has(verb) && selector === undefined && !this.isFlag(path, text)) {
					selector = this.ids(path, arg.value);
					// A find that matched nothing changes nothing.
					if (selector.length === 0) return this.nothingMatched(verb, path);
					continue;
				}
				if (verb === 'move' && selector && /^\d+$/.test(text)) {
					attributes.push(['destination', this.placeId(path, text) ?? text]);
					continue;
				}
				attributes.push([this.propertyName(path, text.replace(/^!/, ''), previous), '']);
				continue;
			}
			if (arg.op !== '=') throw new ScriptError(`cannot read "${arg.name}${arg.op}${toText(arg.value)}"`);
			const name = this.propertyName(path, arg.name, previous);
			previous = name;
			const value = toText(arg.value);
			if (name === 'numbers' && selector === undefined) {
				selector = this.ids(path, arg.value);
				continue;
			}
			if ((name === 'place-before' || name === 'destination') && /^\d+$/.test(value)) {
				const id = this.placeId(path, value);
				// place-before past the last rule appends, as on a router.
				if (id !== undefined) attributes.push([name, id]);
				continue;
			}
			attributes.push([name, value]);
		}
		if (selector) attributes.unshift(['.id', selector.join(',')]);
		const result = this.router.run(`${apiPath(path)}/${verb}`, attributes, {quiet: true});
		if (result.traps.length > 0) throw new ScriptError(result.traps.join('; '));
		this.applied++;
		return result.ret;
	}

	/** A bare word that is a property of the menu (`fib`, `blackhole`, `!keepalive`), not an item. */
	private isFlag(path: readonly string[], text: string): boolean {
		const name = text.replace(/^!/, '');
		if (text.startsWith('!')) return true;
		return this.router.menu(apiPath(path))?.fields.some(field => field.name === name) === true;
	}

	private placeId(path: readonly string[], number: string): string | undefined {
		return this.rows(path)[Number(number)]?.['.id'];
	}

	private nothingMatched(verb: string, path: readonly string[]): RscValue {
		// Removing what is not there is done; any other change that reaches nothing is likely a typo.
		if (verb === 'remove') return undefined;
		throw new NothingMatched(`${cliName(path, verb)}: no item matches the find; nothing changed`);
	}
}

/** A change whose find matched nothing: reported, though a router would not refuse it. */
export class NothingMatched extends ScriptError {}
