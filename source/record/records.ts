import type {MonitorAction} from '../monitor/state.js';
import type {RouterConfig, Topology} from '../pcc/types.js';
import type {Snapshot} from '../monitor/types.js';

/**
 * One line of a recording: a MonitorAction as the live store received it, with its time.
 * Snapshots leave out the configuration and topology while they are the ones the previous
 * snapshot had (the poller re-reads them only when the router's set-up moves), and write
 * counters as differences, which keeps a steady poll to its changing figures.
 */
export type RecordLine =
	| {t: number; a: Exclude<MonitorAction, {type: 'snapshot'}>}
	| {t: number; s: Omit<Snapshot, 'config' | 'topology' | 'at'>; config?: RouterConfig; topology?: Topology};

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
 * Rows of counters (mangle rules, interfaces) as the difference from the previous poll's
 * row with the same key: counters grow by a few digits a poll, and unchanged fields (a
 * rule's shape) are left out. A row the previous poll lacked is written whole.
 */
function deltaRows(rows: readonly object[], previous: readonly object[] | undefined, key: string, counters: readonly string[]): Counted[] {
	const before = new Map((previous as Counted[] | undefined ?? []).map(row => [row[key], row]));
	return (rows as Counted[]).map(row => {
		const old = before.get(row[key]);
		if (!old) return row;
		const delta: Counted = {[key]: row[key], $d: 1};
		for (const [field, value] of Object.entries(row)) {
			if (counters.includes(field)) delta[field] = (value as bigint) - (old[field] as bigint);
			else if (field !== key && value !== old[field]) delta[field] = value;
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

/** Turns the store's actions into lines, remembering what the previous snapshot held. */
export class RecordEncoder {
	private config: RouterConfig | null = null;
	private topology: Topology | null = null;
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
		};
		const line: Record<string, unknown> = {t: snapshot.at, s: compact};
		if (config !== this.config) line['config'] = this.config = config;
		if (topology !== this.topology) line['topology'] = this.topology = topology;
		this.previous = snapshot;
		return JSON.stringify(line, replacer);
	}
}

/** Turns lines back into the actions the store received. */
export class RecordDecoder {
	private config: RouterConfig | null = null;
	private topology: Topology | null = null;
	private previous: Snapshot | null = null;

	/** The action and its time; throws on a line that is not one. */
	action(text: string): {at: number; action: MonitorAction} {
		const line = JSON.parse(text, reviver) as RecordLine;
		if (typeof line?.t !== 'number') throw new Error('not a record');
		if ('a' in line) {
			if (typeof line.a?.type !== 'string') throw new Error('not a record');
			return {at: line.t, action: line.a};
		}
		if (line.config) this.config = line.config;
		if (line.topology) this.topology = line.topology;
		if (!this.config || !this.topology || typeof line.s !== 'object') throw new Error('a snapshot before any configuration');
		const compact = line.s as Compact;
		const snapshot: Snapshot = {
			...compact,
			at: line.t,
			counting: {...compact.counting, at: compact.counting.at + line.t},
			mangle: undeltaRows(compact.mangle as unknown as Counted[], this.previous?.mangle, 'id', ['packets', 'bytes']),
			interfaces: undeltaRows(compact.interfaces as unknown as Counted[], this.previous?.interfaces, 'name', ['rxBytes', 'txBytes']),
			config: this.config,
			topology: this.topology,
		};
		// A damaged record can still be JSON: counters that are not counters end the recording there.
		const counters = [...snapshot.mangle.flatMap(rule => [rule.packets, rule.bytes]), ...snapshot.interfaces.flatMap(counted => [counted.rxBytes, counted.txBytes])];
		if (counters.some(value => typeof value !== 'bigint')) throw new Error('not a record');
		this.previous = snapshot;
		return {at: line.t, action: {type: 'snapshot', snapshot}};
	}
}
