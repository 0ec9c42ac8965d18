import {routeTable} from './routes.js';
import {isEnabled, valueOf} from './rows.js';
import type {Row, RouterConfig} from './types.js';

/**
 * Reading RouterOS scripts as exports store them (docs/checks.md): statements end at a
 * line break or `;`, a line that is only a menu path (`/ip firewall connection`) makes that
 * menu the one the following statements act in, and `[find ...]` (or `[/menu find ...]`)
 * selects the items a command acts on. Enough to tell which rows a statement changes.
 */
export interface Statement {
	/** The menu it acts in, as slash-separated words: `ip/firewall/connection`. */
	menu: string;
	text: string;
}

/** One `[find ...]` in a statement: the menu it searches and its filter (`where` dropped). */
export interface Find {
	menu: string;
	filter: string;
}

const pathPattern = /^(\/?)([a-z0-9-]+(?:[ /][a-z0-9-]+)*)/i;
/** Menus a script may name without the leading `/` (it runs at the root). */
const rootMenus = new Set(['ip', 'ipv6', 'interface', 'routing', 'system', 'tool']);
/** Words that end a menu path and start a command. */
const verbs = new Set(['add', 'set', 'remove', 'print', 'find', 'get', 'enable', 'disable', 'export', 'edit', 'move', 'unset', 'reset', 'monitor']);

/** `/ip firewall connection remove ...` → menu `ip/firewall/connection` and the rest. */
function splitPath(text: string): {menu: string; rest: string} | undefined {
	const match = pathPattern.exec(text);
	if (!match) return undefined;
	const words = match[2].split(/[ /]/);
	if (match[1] === '' && !rootMenus.has(words[0])) return undefined;
	const verbAt = words.findIndex(word => verbs.has(word));
	const menuWords = verbAt === -1 ? words : words.slice(0, verbAt);
	const prefix = new RegExp(`^/?${menuWords.map(word => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[ /]')}[ /]?`);
	const rest = text.replace(prefix, '');
	return {menu: menuWords.join('/'), rest};
}

export function statements(script: string): Statement[] {
	const result: Statement[] = [];
	let menu = '';
	for (const raw of script.replace(/\\\r?\n\s*/g, '').split(/\r?\n|\r|;/)) {
		const text = raw.trim();
		if (text === '' || text.startsWith('#')) continue;
		const path = splitPath(text);
		if (path && path.rest.trim() === '') {
			menu = path.menu;
			continue;
		}
		result.push(path ? {menu: path.menu, text: path.rest} : {menu, text});
	}
	return result;
}

export function findsIn(statement: Statement): Find[] {
	const finds: Find[] = [];
	for (const match of statement.text.matchAll(/\[\s*(\/[^\]]*?\s)?\s*find\b([^\]]*)\]/g)) {
		const menu = match[1] ? splitPath(match[1].trim())?.menu ?? statement.menu : statement.menu;
		finds.push({menu, filter: match[2].trim().replace(/^where\b/, '').trim()});
	}
	return finds;
}

const isMenu = (menu: string, wanted: string): boolean => menu === wanted || menu.endsWith(`/${wanted}`);

/**
 * Whether a script removes connections it found with no condition that picks one WAN's
 * (a connection or routing mark, or an address): every WAN's sessions go with them.
 */
export function flushesAllConnections(script: string): boolean {
	const all = statements(script);
	const removes = all.some(statement => (isMenu(statement.menu, 'firewall/connection') && /\bremove\b/.test(statement.text))
		|| /\/ip[ /]firewall[ /]connection[ /]remove\b/.test(statement.text));
	const unscoped = all.flatMap(findsIn).some(find => isMenu(find.menu, 'firewall/connection') && !/mark|address/.test(find.filter));
	return removes && unscoped;
}

/** `name=value`, `name="value"`, `name~"regex"` conditions of a find filter. */
function conditions(filter: string): Array<{name: string; op: '=' | '~'; value: string}> {
	return [...filter.matchAll(/([a-z.-]+)\s*([=~])\s*(?:"((?:[^"\\]|\\.)*)"|([^\s\]]*))/g)]
		.map(match => ({name: match[1], op: match[2] as '=' | '~', value: (match[3] ?? match[4] ?? '').replace(/\\(.)/g, '$1')}));
}

function conditionHolds(config: RouterConfig, route: Row, condition: {name: string; op: '=' | '~'; value: string}): boolean {
	if (condition.value.startsWith('$')) return true;
	const shown = condition.name === 'routing-table' || condition.name === 'routing-mark'
		? routeTable(config, route)
		: valueOf(route, condition.name) ?? '';
	if (condition.op === '=') return shown === condition.value;
	try {
		return new RegExp(condition.value).test(shown);
	} catch {
		return false;
	}
}

/** Whether a `[find ...]` filter on /ip route selects this route (a variable matches anything). */
function selects(config: RouterConfig, filter: string, route: Row): boolean {
	return conditions(filter).every(condition => conditionHolds(config, route, condition));
}

/** Whether the script sets the gateway of this route: `/ip route set [find ...] gateway=...`. */
export function setsGatewayOf(config: RouterConfig, script: string, route: Row): boolean {
	return statements(script).some(statement => isMenu(statement.menu, 'ip/route') && /^set\b/.test(statement.text)
		&& /\bgateway=/.test(statement.text)
		&& findsIn(statement).some(find => isMenu(find.menu, 'ip/route') && selects(config, find.filter, route)));
}

/**
 * Every script that runs by itself and could keep a route current: DHCP client scripts,
 * netwatch scripts, scheduler events (and the /system scripts they run by name).
 */
export function runningScripts(config: RouterConfig): Array<{source: string; dhcpInterface?: string}> {
	const scripts: Array<{source: string; dhcpInterface?: string}> = [];
	for (const client of config.dhcpClients.filter(isEnabled)) {
		if (client.script) scripts.push({source: client.script, dhcpInterface: client.interface});
	}
	for (const row of config.netwatch.filter(isEnabled)) {
		for (const name of ['up-script', 'down-script', 'test-script']) if (row[name]) scripts.push({source: row[name]});
	}
	for (const row of config.scheduler.filter(isEnabled)) {
		const event = row['on-event'] ?? '';
		scripts.push({source: event});
		for (const script of config.scripts) {
			if (script.name && script.source && (event.trim() === script.name || new RegExp(`run\\s+"?${script.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?`).test(event))) {
				scripts.push({source: script.source});
			}
		}
	}
	return scripts;
}
