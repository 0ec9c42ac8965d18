import {formatDate} from './model/format.js';
import {MenuExecutor, collect, type CommandResult, type RunOptions} from './api/executor.js';
import type {CommandExecutor} from './api/types.js';
import {WalkCpu} from './api/walk-cost.js';
import {boardForModel, defaultBoard, defaultPorts, ethernetPorts, type Board, type BoardPort} from './model/board.js';
import type {ConnTrackStore} from './model/conntrack.js';
import type {Fields, Item} from './model/item.js';
import {Table} from './model/table.js';
import type {RouterState} from './model/router-state.js';
import {parseVersion, type RouterOsVersion} from './model/version.js';
import {menusFor} from './menus/index.js';
import {builtinInterfaceLists} from './menus/interfaces.js';
import {FasttrackCounterRule} from './menus/fasttrack-counters.js';
import {ConnectedRoutes} from './menus/connected-routes.js';
import {basePath, type MenuCatalog, type MenuSpec} from './menus/spec.js';
import {builtinUserGroups} from './menus/users.js';

export interface SimRouterOptions {
	/** `7.19.4` or a parsed version; decides menus, fields and reply shapes. */
	version: RouterOsVersion | string;
	/** The connection table; the traffic engine's store. */
	conntrack: ConnTrackStore;
	/** Simulated wall clock, ms since the epoch (UTC); the engine drives it. */
	now: () => number;
	identity?: string;
	/** Ethernet ports the hardware has: ether1..etherN (default 5, or the model's ports). */
	ethernetPorts?: number;
	/** A model as an export's `# model =` header names it, e.g. `RB5009UG+S+`. */
	model?: string;
	board?: Partial<Board>;
}

/** RouterOS keeps the last 1000 lines in its memory log. */
const logLines = 1000;

/**
 * A simulated RouterOS router, assembled: the menus its version has, one table per menu, the
 * connection table, the clock, the log, the built-in rows a new router has, and the command
 * executor every API session talks to. Menus and the executor see it only as RouterState (and
 * the executor as MenuCatalog), so this is the one module that knows how the parts fit.
 */
export class SimRouter implements RouterState, MenuCatalog {
	readonly version: RouterOsVersion;
	readonly conntrack: ConnTrackStore;
	readonly now: () => number;
	/** When uptime started: construction, then each reboot(). */
	bootedAt: number;
	readonly board: Board;
	/** The ports the hardware has, as a new router lists them. */
	readonly ports: readonly BoardPort[];
	readonly executor: CommandExecutor;
	/** Percent shown as `/system/resource` cpu-load; the engine may move it with traffic. */
	cpuLoad = 2;
	/** What walking a table costs (`scanRate`, free by default) and the walks queued. */
	readonly walks = new WalkCpu();
	private readonly menus = new Map<string, MenuSpec>();
	private readonly tables = new Map<string, Table>();
	private readonly connectedRoutes: ConnectedRoutes;

	constructor(options: SimRouterOptions) {
		const version = typeof options.version === 'string' ? parseVersion(options.version) : options.version;
		if (!version) throw new Error(`not a RouterOS version: ${String(options.version)}`);
		this.version = version;
		this.conntrack = options.conntrack;
		this.now = options.now;
		this.bootedAt = options.now();
		const fromModel = options.model ? boardForModel(options.model) : undefined;
		this.board = {...defaultBoard, ...fromModel?.board, ...options.board};
		this.ports = options.ethernetPorts === undefined ? fromModel?.ports ?? (options.model ? [] : defaultPorts) : ethernetPorts(options.ethernetPorts);
		for (const menu of menusFor(this)) {
			this.menus.set(menu.path, menu);
			const path = basePath(menu);
			if (!this.tables.has(path)) this.tables.set(path, new Table(path));
			if (menu.singleton) this.tables.get(path)!.add({});
		}
		this.connectedRoutes = new ConnectedRoutes(this);
		this.executor = new MenuExecutor(this);
		this.createDefaults(options);
		for (const path of ['/ip/address', '/interface']) {
			this.table(path).subscribe(() => this.connectedRoutes.sync());
		}
		const fasttrackCounters = new FasttrackCounterRule(this);
		this.table('/ip/firewall/filter').subscribe(() => fasttrackCounters.sync());
	}

	/** The menu spec at a path (`/interface/vlan`), if this version has it. */
	menu(path: string): MenuSpec | undefined {
		return this.menus.get(path);
	}

	menuPaths(): string[] {
		return [...this.menus.keys()];
	}

	/** The table behind a menu; type menus (`/interface/vlan`) share `/interface`'s. */
	table(path: string): Table {
		const menu = this.menus.get(path);
		const table = this.tables.get(menu ? basePath(menu) : path);
		if (!table) throw new Error(`no such menu: ${path}`);
		return table;
	}

	/** The rows a menu shows, in order. */
	rows(path: string): Item[] {
		const where = this.menus.get(path)?.view?.where;
		const items = this.table(path).items;
		return where ? items.filter(item => matches(item.fields, where)) : items;
	}

	/** The row a name refers to (interface, list, routing table), as RouterOS resolves names. */
	findByName(path: string, name: string, where?: Fields): Item | undefined {
		const key = this.menus.get(path)?.key ?? 'name';
		return this.rows(path).find(item => item.fields[key] === name && (!where || matches(item.fields, where)));
	}

	/**
	 * Adds a row as the router itself does (connected and DHCP routes, dynamic addresses):
	 * no validation, no permission check, flagged dynamic unless `dynamic` is false.
	 */
	insert(path: string, fields: Fields, options: {dynamic?: boolean; before?: number; id?: number} = {}): Item {
		const where = this.menus.get(path)?.view?.where ?? {};
		const flags: Fields = options.dynamic === false ? {} : {dynamic: 'true'};
		return this.table(path).add({...fields, ...where, ...flags}, options.before, options.id);
	}

	/** Sets fields the API cannot (status, running, active); '' unsets. */
	update(path: string, id: number, fields: Fields): Item | undefined {
		return this.table(path).set(id, fields);
	}

	/** Removes a row without the API's checks. */
	delete(path: string, id: number): Item | undefined {
		return this.table(path).remove(id);
	}

	/** Appends a `/log` line, e.g. `log('route,info', 'route 0.0.0.0/0 via 10.0.0.1 inactive')`. */
	log(topics: string, message: string): void {
		const table = this.table('/log');
		table.add({time: this.formatDate(this.now()), topics, message});
		while (table.items.length > logLines) table.remove(table.items[0].id);
	}

	/**
	 * Uptime starts again, as after a reboot. Configuration stays; the connection table and
	 * the engine's state are the caller's to reset (the server's onRestart).
	 */
	reboot(): void {
		this.bootedAt = this.now();
		this.log('system,info', 'router rebooted');
	}

	/**
	 * What `/system/reboot` starts once its reply is out: set by whoever serves the router
	 * (the simulator drops every connection and comes back, when the promise settles); by
	 * itself, uptime starts again.
	 */
	onRebootRequest: () => void | Promise<void> = () => this.reboot();

	/** An instant of the simulated clock as this version prints dates. */
	formatDate(ms: number): string {
		return formatDate(ms, this.version);
	}

	/**
	 * Runs one finite command in-process, as a router running an import or a script does,
	 * with the same validation and replies as over the API.
	 */
	run(command: string, attributes: Fields | Array<[string, string]> = {}, options: RunOptions = {}): CommandResult {
		return collect(this.executor, command, attributes, options);
	}

	private createDefaults(options: SimRouterOptions): void {
		if (options.identity) this.table('/system/identity').items[0].fields.name = options.identity;
		for (const port of this.ports) {
			// A port whose menu this version lacks (wifi before 7.13) is not there.
			if (this.menus.has(port.menu)) this.insert(port.menu, {name: port.name, 'default-name': port.name}, {dynamic: false});
		}
		for (const menu of this.menus.values()) {
			for (const {id, fields} of menu.builtin?.(this) ?? []) this.insert(menu.path, fields, {dynamic: false, id});
		}
		for (const list of builtinInterfaceLists(this.version.major)) this.insert('/interface/list', list);
		if (this.version.major >= 7) this.insert('/routing/table', {name: 'main', fib: 'true'});
		for (const group of builtinUserGroups(this.version.major)) this.insert('/user/group', group, {dynamic: false});
		for (const menu of this.menus.values()) {
			for (const row of menu.initial?.(this) ?? []) this.insert(menu.path, row, {dynamic: false});
		}
	}
}

function matches(fields: Fields, where: Fields): boolean {
	return Object.entries(where).every(([name, value]) => fields[name] === value);
}
