import type {Fields, Item} from '../model/item.js';
import type {ConnectionTable} from './conntrack.js';
import {markNamed} from './packet.js';
import type {EngineRouter} from './router-port.js';

/**
 * The few RouterOS script commands PCC set-ups put in netwatch up/down scripts:
 *   /ip firewall connection remove [find connection-mark=X]   ([find] alone: every connection)
 *   /ip route set|enable|disable|remove [find comment=X] name=value...  (any menu, any field)
 *   :log info|warning|error|debug "text"
 *   /system script run NAME                                   (the script's source, run here)
 * Paths may be written with spaces or slashes, `find` with or without `where`. Anything else
 * is logged as unsupported; a script never stops the router.
 */

export interface ScriptContext {
	router: EngineRouter;
	conntrack: ConnectionTable;
}

/** Splits on newlines and `;` outside quotes and brackets. */
function statements(source: string): string[] {
	const result: string[] = [];
	let current = '';
	let quoted = false;
	let depth = 0;
	for (let index = 0; index < source.length; index++) {
		const char = source[index];
		if (char === '\\' && quoted) {
			current += char + (source[index + 1] ?? '');
			index++;
			continue;
		}
		if (char === '"') quoted = !quoted;
		else if (!quoted && char === '[') depth++;
		else if (!quoted && char === ']') depth--;
		if (!quoted && depth === 0 && (char === '\n' || char === ';')) {
			result.push(current);
			current = '';
			continue;
		}
		current += char;
	}
	result.push(current);
	return result.map(text => text.trim()).filter(text => text !== '' && !text.startsWith('#'));
}

function unquote(text: string): string {
	const trimmed = text.trim();
	if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
		return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
	}
	return trimmed;
}

/** `a=b c="d e"` → {a: 'b', c: 'd e'}; undefined when a word is not name=value. */
function assignments(text: string): Fields | undefined {
	const fields: Fields = {};
	const pattern = /\s*([\w.-]+)=("(?:[^"\\]|\\.)*"|\S*)/y;
	let at = 0;
	while (at < text.length) {
		if (text.slice(at).trim() === '') break;
		pattern.lastIndex = at;
		const match = pattern.exec(text);
		if (!match) return undefined;
		fields[match[1]] = unquote(match[2]);
		at = pattern.lastIndex;
	}
	return fields;
}

const verbs = new Set(['set', 'enable', 'disable', 'remove']);

/** Booleans typed the script way (`yes`) stored the print way (`true`). */
function printValue(value: string): string {
	return value === 'yes' ? 'true' : value === 'no' ? 'false' : value;
}

const scriptPath = '/system/script';
/** Scripts that run scripts: deep enough for any set-up, short of running away. */
const maxDepth = 8;

function namedScript(name: string, context: ScriptContext): Item | undefined {
	return context.router.table(scriptPath).items.find(item => item.fields.name === name);
}

/** Runs a `/system/script` entry, counting the run as the router does. */
function runNamed(script: Item, context: ScriptContext, depth: number): void {
	if (depth >= maxDepth) throw new Error(`scripts nested over ${maxDepth} deep`);
	script.fields['run-count'] = String(Number(script.fields['run-count'] ?? 0) + 1);
	runScript(script.fields.source ?? '', context, depth + 1);
}

/** A scheduler's `on-event`: the script it names, or its text as a script. */
export function runOnEvent(onEvent: string, context: ScriptContext): void {
	const script = namedScript(onEvent.trim(), context);
	if (script) runNamed(script, context, 0);
	else runScript(onEvent, context);
}

export function runScript(source: string, context: ScriptContext, depth = 0): void {
	for (const statement of statements(source)) {
		try {
			if (!runStatement(statement, context, depth)) context.router.log('script,warning', `simulated script: unsupported command: ${statement}`);
		} catch (error) {
			context.router.log('script,error', `simulated script failed: ${statement}: ${(error as Error).message}`);
		}
	}
}

function runStatement(statement: string, context: ScriptContext, depth: number): boolean {
	const log = /^:log\s+(info|warning|error|debug)\s+(.+)$/.exec(statement);
	if (log) {
		context.router.log(`script,${log[1]}`, unquote(log[2]));
		return true;
	}
	const run = /^\/system[\s/]+script[\s/]+run\s+(.+)$/.exec(statement);
	if (run) {
		const name = unquote(run[1]);
		const script = namedScript(name, context);
		if (!script) throw new Error(`no such script: ${name}`);
		runNamed(script, context, depth);
		return true;
	}
	const command = /^(\/[^[]*?)\s*(?:\[\s*find\s*(?:where\s*)?([^\]]*)\])\s*(.*)$/.exec(statement);
	if (!command) return false;
	const words = command[1].split(/[\s/]+/).filter(Boolean);
	const verb = words.pop();
	if (!verb || !verbs.has(verb)) return false;
	const path = `/${words.join('/')}`;
	const conditions = assignments(command[2]);
	const changes = assignments(command[3]);
	if (!conditions || !changes) return false;
	if (path === '/ip/firewall/connection') return verb === 'remove' && removeConnections(conditions, context);
	const table = context.router.table(path);
	const matches = table.items.filter(item => Object.entries(conditions).every(([name, value]) => (item.fields[name] ?? '') === value));
	for (const item of matches) {
		if (verb === 'remove') table.remove(item.id);
		else if (verb === 'enable') table.set(item.id, {disabled: 'false'});
		else if (verb === 'disable') table.set(item.id, {disabled: 'true'});
		else table.set(item.id, Object.fromEntries(Object.entries(changes).map(([name, value]) => [name, printValue(value)])));
	}
	return true;
}

/** Connection removal by mark comes from the mark index, so a big flush is not a scan. */
function removeConnections(conditions: Fields, context: ScriptContext): boolean {
	const names = Object.keys(conditions);
	if (names.length === 0) {
		context.conntrack.clear();
		return true;
	}
	if (names.length !== 1 || names[0] !== 'connection-mark') return false;
	const mark = conditions['connection-mark'];
	for (const id of [...context.conntrack.idsByMark(markNamed(mark))]) context.conntrack.remove(id);
	return true;
}
