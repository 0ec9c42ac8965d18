import type {MonitorAction} from '../monitor/state.js';
import type {RouterConfig, Topology} from '../pcc/types.js';
import type {Snapshot} from '../monitor/types.js';
import {applyPatch, patchFrom, type Patch} from './patch.js';

/**
 * One line of a recording: a MonitorAction as the live store received it, with its time.
 * Snapshots carry the configuration and topology whole once, then only what changed in
 * them (the poller re-reads them every few dozen polls and when the set-up moves), and
 * write counters as differences, which keeps a steady poll to its changing figures.
 */
export type RecordLine =
	| {t: number; a: Exclude<MonitorAction, {type: 'snapshot'}>}
	| {t: number; s: Omit<Snapshot, 'config' | 'topology' | 'at'>; config?: RouterConfig; topology?: Topology; configPatch?: Patch; topologyPatch?: Patch};

/** Only what the screen is computed from: the user's own freezing is not the router's story. */
export function isRecorded(action: MonitorAction): boolean {
	return action.type !== 'frozen';
}

/** Bigints (counters) as `"123n"`: JSON has no integers beyond 2^53. */
function replacer(_key: string, value: unknown): unknown {
	return typeof value === 'bigint' ? `${value}n` : value;
}

/** Router text never ends a string of digits with `n` where a counter stands, but anything may: only counter fields are read back. */
const counterFields = new Set(['packets', 'bytes', 'rxBytes', 'txBytes']);

function reviver(key: string, value: unknown): unknown {
	return counterFields.has(key) && typeof value === 'string' && /^-?\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value;
}

type Counted = {[field: string]: unknown};

/**
 * Rows (mangle rules, interfaces, routes) as the difference from the previous poll's row
 * with the same key: counters as what they grew by, when they did, and other fields only
 * when they changed (a rule's shape, a route's state). A row the previous poll lacked is
 * written whole.
 */
function deltaRows(rows: readonly object[], previous: readonly object[] | undefined, key: string, counters: readonly string[]): Counted[] {
	const before = new Map((previous as Counted[] | undefined ?? []).map(row => [row[key], row]));
	return (rows as Counted[]).map(row => {
		const old = before.get(row[key]);
		// A field the row lost cannot be said as a difference: such a row is written whole.
		if (!old || Object.keys(old).some(field => old[field] !== undefined && row[field] === undefined)) return row;
		const delta: Counted = {[key]: row[key], $d: 1};
		for (const [field, value] of Object.entries(row)) {
			if (counters.includes(field)) {
				const grown = (value as bigint) - (old[field] as bigint);
				if (grown !== 0n) delta[field] = grown;
			} else if (field !== key && value !== old[field]) delta[field] = value;
		}
		return delta;
	});
}

function undeltaRows<Row extends object>(rows: readonly Counted[], previous: readonly Row[] | undefined, key: string, counters: readonly string[]): Row[] {
	const before = new Map((previous as Counted[] | undefined ?? []).map(row => [row[key], row]));
	return rows.map(row => {
		if (row['$d'] !== 1) return row as unknown as Row;
		const old = before.get(row[key]);
		if (!old) throw new Error('a difference from a row never written');
		const whole: Counted = {...old};
		for (const [field, value] of Object.entries(row)) {
			if (field === '$d') continue;
			whole[field] = counters.includes(field) ? (old[field] as bigint) + (value as bigint) : value;
		}
		return whole as unknown as Row;
	});
}

type Compact = Omit<Snapshot, 'config' | 'topology' | 'at'>;

/**
 * A value written once whole (`KEY`), then as patches from the last one (`KEYPatch`) when it
 * differs: the poller re-reads the configuration every few dozen polls into new objects
 * that differ from the last by their counters, if at all.
 */
class Tracked<Value> {
	private last: Value | null = null;

	constructor(private readonly key: string) {}

	write(value: Value, line: Record<string, unknown>): void {
		if (value === this.last) return;
		if (this.last === null) line[this.key] = value;
		else {
			const patch = patchFrom(this.last, value);
			if (patch !== undefined) line[`${this.key}Patch`] = patch;
		}
		this.last = value;
	}

	/** The value the line leaves: the one it carries, the last one patched, or the last one. */
	read(line: Record<string, unknown>): Value | null {
		if (line[this.key] !== undefined) this.last = line[this.key] as Value;
		else if (line[`${this.key}Patch`] !== undefined) {
			if (this.last === null) throw new Error('a patch of a value never written');
			this.last = applyPatch(this.last, line[`${this.key}Patch`]) as Value;
		}
		return this.last;
	}
}

/** Turns the store's actions into lines, remembering what the previous snapshot held. */
export class RecordEncoder {
	private readonly config = new Tracked<RouterConfig>('config');
	private readonly topology = new Tracked<Topology>('topology');
	private previous: Snapshot | null = null;

	line(action: MonitorAction, now: number): string {
		if (action.type !== 'snapshot') return JSON.stringify({t: now, a: action}, replacer);
		const snapshot = action.snapshot;
		const {config, topology, at: _at, ...rest} = snapshot;
		const compact = {
			...rest,
			// When the counts were read, from the poll's own time: a few digits instead of thirteen.
			counting: {...rest.counting, at: rest.counting.at - snapshot.at},
			mangle: deltaRows(rest.mangle, this.previous?.mangle, 'id', ['packets', 'bytes']),
			interfaces: deltaRows(rest.interfaces, this.previous?.interfaces, 'name', ['rxBytes', 'txBytes']),
			routes: deltaRows(rest.routes, this.previous?.routes, 'id', []),
		};
		const line: Record<string, unknown> = {t: snapshot.at, s: compact};
		this.config.write(config, line);
		this.topology.write(topology, line);
		this.previous = snapshot;
		return JSON.stringify(line, replacer);
	}
}

/** Turns lines back into the actions the store received. */
export class RecordDecoder {
	private readonly config = new Tracked<RouterConfig>('config');
	private readonly topology = new Tracked<Topology>('topology');
	private previous: Snapshot | null = null;

	/** The action and its time; throws on a line that is not one. */
	action(text: string): {at: number; action: MonitorAction} {
		const line = JSON.parse(text, reviver) as RecordLine;
		if (typeof line?.t !== 'number') throw new Error('not a record');
		if ('a' in line) {
			if (typeof line.a?.type !== 'string') throw new Error('not a record');
			return {at: line.t, action: line.a};
		}
		const config = this.config.read(line);
		const topology = this.topology.read(line);
		if (!config || !topology || typeof line.s !== 'object') throw new Error('a snapshot before any configuration');
		const compact = line.s as Compact;
		const snapshot: Snapshot = {
			...compact,
			at: line.t,
			counting: {...compact.counting, at: compact.counting.at + line.t},
			mangle: undeltaRows(compact.mangle as unknown as Counted[], this.previous?.mangle, 'id', ['packets', 'bytes']),
			interfaces: undeltaRows(compact.interfaces as unknown as Counted[], this.previous?.interfaces, 'name', ['rxBytes', 'txBytes']),
			routes: undeltaRows(compact.routes as unknown as Counted[], this.previous?.routes, 'id', []),
			config,
			topology,
		};
		// A damaged record can still be JSON: counters that are not counters end the recording there.
		const counters = [...snapshot.mangle.flatMap(rule => [rule.packets, rule.bytes]), ...snapshot.interfaces.flatMap(counted => [counted.rxBytes, counted.txBytes])];
		if (counters.some(value => typeof value !== 'bigint')) throw new Error('not a record');
		this.previous = snapshot;
		return {at: line.t, action: {type: 'snapshot', snapshot}};
	}
}
