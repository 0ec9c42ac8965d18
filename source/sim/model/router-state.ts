import type {Board} from './board.js';
import type {ConnTrackStore} from './conntrack.js';
import type {Fields, Item} from './item.js';
import type {Table} from './table.js';
import type {RouterOsVersion} from './version.js';

/**
 * What a menu and the command layer may know of the simulated router: its version, clock,
 * hardware, tables, connection table and log. SimRouter (router.ts) satisfies it; menus and
 * the executor take this instead of the class, so none of them depends on how the router is
 * assembled, and the assembly may depend on all of them.
 */
export interface RouterState {
	readonly version: RouterOsVersion;
	/** Simulated wall clock, ms since the epoch (UTC). */
	readonly now: () => number;
	/** When uptime started. */
	readonly bootedAt: number;
	readonly board: Board;
	/** `/system/resource` cpu-load percent. */
	readonly cpuLoad: number;
	/** The connection table; the traffic engine's store. */
	readonly conntrack: ConnTrackStore;
	/** The CPU time table walks took (api/walk-cost.ts), which cpu-load shows. */
	readonly walks: WalkLoad;
	/** The table behind a menu; type menus (`/interface/vlan`) share `/interface`'s. */
	table(path: string): Table;
	/** The rows a menu shows, in order. */
	rows(path: string): Item[];
	/** The row a name refers to (interface, list, routing table), as RouterOS resolves names. */
	findByName(path: string, name: string, where?: Fields): Item | undefined;
	/** Adds a row as the router itself does: no validation, flagged dynamic unless told not. */
	insert(path: string, fields: Fields, options?: {dynamic?: boolean; before?: number; id?: number}): Item;
	/** Sets fields the API cannot (status, running, active); '' unsets. */
	update(path: string, id: number, fields: Fields): Item | undefined;
	/** Removes a row without the API's checks. */
	delete(path: string, id: number): Item | undefined;
	/** Appends a `/log` line. */
	log(topics: string, message: string): void;
	/** An instant of the simulated clock as this version prints dates. */
	formatDate(ms: number): string;
	/** What `/system/reboot` starts once its reply is out. */
	onRebootRequest(): void | Promise<void>;
}

/** How busy walking tables for the API kept a CPU. */
export interface WalkLoad {
	/** The share (0 to 1) of the last few seconds the CPU spent walking. */
	busyShare(): number;
}
