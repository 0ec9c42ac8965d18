import type {Fields, Item} from '../model/item.js';
import type {RouterState} from '../model/router-state.js';

/**
 * Menus are declared, not coded: each path lists its fields and verbs, and the executor
 * does the rest (validation, defaults, printing) the same way for every menu.
 */

export type FieldKind =
	| 'string'
	| 'bool'
	| 'int'
	| 'duration'
	/** One of `values`. */
	| 'enum'
	/** Comma-separated, each one of `values`. */
	| 'list'
	| 'ip'
	/** An address with a prefix length, kept as written: `/ip/address` address. */
	| 'ip-prefix'
	/** A network, normalised to its first address with the length shown: route dst-address. */
	| 'network'
	/** Firewall address matcher: address, network (normalised) or `from-to` range. */
	| 'address'
	/** `80`, `80,443`, `1000-2000`. */
	| 'ports'
	| 'mac'
	/** A number or `auto`. */
	| 'mtu'
	/** `per-connection-classifier`, grammar in docs/routeros-api.md, "PCC matcher syntax". */
	| 'classifier'
	/** Route gateway: addresses, `addr%interface` or interface names, comma-separated. */
	| 'gateway'
	/** An address-list entry: address, network, range or DNS name. */
	| 'host'
	/** An IPv6 address with or without a prefix length, lower-cased: `2001:db8::1/64`. */
	| 'ipv6-prefix'
	/** IPv6 route gateway: an address, `addr%interface` or an interface name. */
	| 'ipv6-gateway';

/** A field whose value names a row of another menu (an interface, a list, a table). */
export interface Reference {
	/** The base table's path (`/interface` for every interface type). */
	path: string;
	/** Names accepted without a row, e.g. table `main` on v6-style references. */
	also?: readonly string[];
	/** Rows that may be referenced, e.g. only bridges for a bridge port's `bridge`. */
	where?: Fields;
}

export type Default = string | ((router: RouterState, item: Item) => string | undefined);

export interface FieldSpec {
	name: string;
	kind: FieldKind;
	values?: readonly string[];
	min?: number;
	max?: number;
	/** Shown on print while unset; absent fields without a default are not printed. */
	default?: Default;
	required?: boolean;
	/** Shown but never set through the API (status, counters, flags). */
	readOnly?: boolean;
	/** A leading `!` negates a matcher and is kept as text. */
	negatable?: boolean;
	ref?: Reference;
	/** A flag set by naming it (`fib`): an empty value means yes. */
	presence?: boolean;
	/** Taken by add and set, never printed (a password). */
	secret?: boolean;
}

export type Verb =
	| 'print'
	| 'getall'
	| 'listen'
	| 'add'
	| 'set'
	| 'unset'
	| 'remove'
	| 'enable'
	| 'disable'
	| 'move'
	| 'reset-counters'
	| 'reset-counters-all';

/** What most configuration menus answer to: reading, following, and editing their rows. */
export const listVerbs: readonly Verb[] = ['print', 'getall', 'listen', 'add', 'set', 'unset', 'remove', 'enable', 'disable'];

/** Firewall rules also move and keep counters. */
export const ruleVerbs: readonly Verb[] = [...listVerbs, 'move', 'reset-counters', 'reset-counters-all'];

export const changingVerbs: ReadonlySet<string> = new Set([
	'add',
	'set',
	'unset',
	'remove',
	'enable',
	'disable',
	'move',
	'reset-counters',
	'reset-counters-all',
]);

export interface MenuSpec {
	path: string;
	fields: readonly FieldSpec[];
	verbs: readonly Verb[];
	/** Rows keep an order that matters (firewall): `place-before` and `move`. */
	ordered?: boolean;
	/** Rule counters `bytes`/`packets`, shown with `=stats=`. */
	stats?: boolean;
	/** One row without `.id` (`/system/identity`). */
	singleton?: boolean;
	/** The rows live in another table, selected by these fields (`/interface/vlan` → type=vlan). */
	view?: {path: string; where: Fields};
	/** The field that names a row: unique, accepted in place of an id, renames follow references. */
	key?: string;
	/** Trap text when the key is taken. */
	duplicateMessage?: string;
	/** Fields no two rows may all share (an address on an interface), and the trap text when they do. */
	unique?: {fields: readonly string[]; message: string};
	/** Name given when `add` has none, e.g. `vlan` → vlan1, vlan2. */
	autoName?: string;
	/** What `/log` calls a row in "... added by admin". */
	logName?: string;
	/** Answers the connection table from the router's ConnTrackStore instead of a table. */
	conntrack?: boolean;
	/** Values computed at print time (network, actual-mtu, resource figures). */
	computed?(router: RouterState, item: Item): Fields;
	/** Cross-field rules checked on the merged row before add/set; returns the trap text. */
	check?(router: RouterState, fields: Fields, existing: Item | undefined): string | undefined;
	/** Rows a new router already has (the `default` profile, the services); `id` when RouterOS fixes it (`*0`). */
	builtin?(router: RouterState): Array<{id?: number; fields: Fields}>;
	/** Read-only fields the router stamps on a new row (creation-time). */
	stamp?(router: RouterState): Fields;
	/** Commands other than the standard verbs (`/log/info`). */
	actions?: Record<string, MenuAction>;
	/** Changing it takes the `policy` right, which only full groups have (accounts, groups). */
	policy?: boolean;
	/** Rows a new router has (installed packages, CPUs). */
	initial?(router: RouterState): Fields[];
}

/**
 * A menu-specific command: validated attributes in; out the trap text, or rows to answer
 * with (`!re`), or nothing for a bare `!done`.
 */
export interface MenuAction {
	changes: boolean;
	parameters: readonly string[];
	/** `round` counts the answers of a repeating command, from 0. */
	run(router: RouterState, attributes: Fields, round: number): string | undefined | {rows: Fields[]};
	/** Answers again this often until cancelled (monitor, torch); `=once=` answers one round. */
	repeatMs?: number;
}

/**
 * The menus a router's version has. The executor finds commands in it, and a rename follows
 * references through it; menus themselves see only the RouterState.
 */
export interface MenuCatalog {
	/** The menu spec at a path (`/interface/vlan`), if this version has it. */
	menu(path: string): MenuSpec | undefined;
	menuPaths(): string[];
}

/** What the command layer works on: the router's state and the menus it answers. */
export type CommandRouter = RouterState & MenuCatalog;

export function fieldOf(menu: MenuSpec, name: string): FieldSpec | undefined {
	return menu.fields.find(field => field.name === name);
}

/** The path of the table holding a menu's rows. */
export function basePath(menu: MenuSpec): string {
	return menu.view?.path ?? menu.path;
}

// Field helpers keep the menu files short and uniform.
export function text(name: string, extra: Partial<FieldSpec> = {}): FieldSpec {
	return {name, kind: 'string', ...extra};
}

export function bool(name: string, fallback?: boolean, extra: Partial<FieldSpec> = {}): FieldSpec {
	return {name, kind: 'bool', default: fallback === undefined ? undefined : String(fallback), ...extra};
}

export function oneOf(name: string, values: readonly string[], extra: Partial<FieldSpec> = {}): FieldSpec {
	return {name, kind: 'enum', values, ...extra};
}

export function int(name: string, min: number, max: number, extra: Partial<FieldSpec> = {}): FieldSpec {
	return {name, kind: 'int', min, max, ...extra};
}

export function status(name: string, fallback?: Default): FieldSpec {
	return {name, kind: 'string', readOnly: true, default: fallback};
}

/** A yes/no the router decides (running, active, static): printed, queried, never set. */
export function flag(name: string, fallback: Default = 'false'): FieldSpec {
	return {name, kind: 'bool', readOnly: true, default: fallback};
}

export const comment = text('comment');
export const disabled = bool('disabled', false);
export const dynamic = flag('dynamic');
