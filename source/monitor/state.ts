import type {Row, Wan} from '../pcc/types.js';
import {diffObserved} from './events.js';
import {emptyHistory, recordHistory, type History} from './history.js';
import {marksSummary, matcherSummary, type MangleRuleView} from './mangle.js';
import {counterDelta, perSecond} from './rates.js';
import type {LinkState, MonitorEvent, Snapshot} from './types.js';
import {wanViews, type WanView} from './wans.js';

/** How many of a down WAN's marked connections were stuck when the flush dialog counted them. */
export interface StuckCount {
	at: number;
	stuck: number;
}

/** Everything the screen shows, built only by `reduce`. */
export interface MonitorState {
	link: LinkState;
	/** Updates are not applied while frozen; the screen says so. */
	frozen: boolean;
	intervalMs: number;
	/** Why actions are off (`--read-only`, `account has no write policy`), or null. */
	readOnly: string | null;
	/** The last applied poll; null until the first one. */
	snapshot: Snapshot | null;
	wans: WanView[];
	mangle: MangleRuleView[];
	history: History;
	/** Oldest first, at most `maxEvents`. */
	events: MonitorEvent[];
	/** The last poll that failed, cleared by the next good one. */
	lastError: {at: number; message: string} | null;
	/**
	 * Per WAN whose route is down, what the flush dialog last counted stuck: the note under
	 * its row says it rather than offer a flush that would find nothing. Gone once the route
	 * is back, when what is stuck can change again.
	 */
	stuckCounts: Readonly<Record<string, StuckCount>>;
}

export type MonitorAction =
	| {type: 'snapshot'; snapshot: Snapshot}
	| {type: 'link'; link: LinkState; at: number}
	| {type: 'poll-error'; at: number; message: string}
	| {type: 'frozen'; frozen: boolean}
	| {type: 'interval'; ms: number}
	| {type: 'read-only'; reason: string | null}
	/** An action taken on the router (flush, weights), reported by whoever took it. */
	| {type: 'action'; at: number; text: string; severity?: MonitorEvent['severity']}
	/** How many of a down WAN's marked connections were stuck, counted (or left by a flush) at `at`. */
	| {type: 'stuck-counted'; wan: string; at: number; stuck: number};

export const maxEvents = 500;

export function initialState(options: {intervalMs: number; readOnly?: string | null}): MonitorState {
	return {
		link: {kind: 'connecting'},
		frozen: false,
		intervalMs: options.intervalMs,
		readOnly: options.readOnly ?? null,
		snapshot: null,
		wans: [],
		mangle: [],
		history: emptyHistory(),
		events: [],
		lastError: null,
		stuckCounts: {},
	};
}

/** The counts of WANs whose route is still down. */
function whileDown(counts: Readonly<Record<string, StuckCount>>, wans: readonly WanView[]): Readonly<Record<string, StuckCount>> {
	const down = new Set(wans.filter(wan => !wan.routeActive).map(wan => wan.name));
	const kept = Object.entries(counts).filter(([wan]) => down.has(wan));
	return kept.length === Object.keys(counts).length ? counts : Object.fromEntries(kept);
}

function capped(all: MonitorEvent[]): MonitorEvent[] {
	return all.length > maxEvents ? all.slice(all.length - maxEvents) : all;
}

function withEvents(events: MonitorEvent[], added: MonitorEvent[]): MonitorEvent[] {
	return added.length === 0 ? events : capped([...events, ...added]);
}

/**
 * An action's event goes where its time puts it: it is stamped when the router changed but
 * reported when its dialog closes, and polls in between may have logged what followed.
 */
function withEventInPlace(events: MonitorEvent[], event: MonitorEvent): MonitorEvent[] {
	let index = events.length;
	while (index > 0 && events[index - 1].at > event.at) index--;
	return capped([...events.slice(0, index), event, ...events.slice(index)]);
}

/** Sums the packet deltas of a WAN's PCC rules; unknown if any of them was reset. */
function newConnectionsPerSecond(wan: Wan, previous: Snapshot, next: Snapshot): number | null {
	const before = new Map(previous.mangle.map(rule => [rule.id, rule.packets]));
	const after = new Map(next.mangle.map(rule => [rule.id, rule.packets]));
	let sum = 0n;
	for (const id of wan.pccRuleIds) {
		const old = before.get(id);
		const now = after.get(id);
		if (old === undefined || now === undefined) return null;
		const delta = counterDelta(old, now);
		if (delta === null) return null;
		sum += delta;
	}
	return perSecond(sum, next.at - previous.at);
}

function interfaceRates(previous: Snapshot | null, next: Snapshot): {rx: Map<string, number | null>; tx: Map<string, number | null>} {
	const rx = new Map<string, number | null>();
	const tx = new Map<string, number | null>();
	if (!previous) return {rx, tx};
	const before = new Map(previous.interfaces.map(iface => [iface.name, iface]));
	const elapsed = next.at - previous.at;
	for (const iface of next.interfaces) {
		const old = before.get(iface.name);
		if (!old) continue;
		const rxRate = perSecond(counterDelta(old.rxBytes, iface.rxBytes), elapsed);
		const txRate = perSecond(counterDelta(old.txBytes, iface.txBytes), elapsed);
		rx.set(iface.name, rxRate === null ? null : rxRate * 8);
		tx.set(iface.name, txRate === null ? null : txRate * 8);
	}
	return {rx, tx};
}

function mangleViews(previous: Snapshot | null, next: Snapshot): MangleRuleView[] {
	const counters = new Map(next.mangle.map(rule => [rule.id, rule]));
	const before = new Map(previous?.mangle.map(rule => [rule.id, rule]) ?? []);
	const elapsed = previous ? next.at - previous.at : 0;
	const rows = new Map(next.config.mangle.map(row => [row['.id'] ?? '', row]));
	return next.topology.pccMangleIds.flatMap((id): Row[] => {
		const row = rows.get(id);
		return row ? [row] : [];
	}).map(row => {
		const id = row['.id'] ?? '';
		const now = counters.get(id);
		const old = before.get(id);
		const packetDelta = now && old ? counterDelta(old.packets, now.packets) : null;
		const byteDelta = now && old ? counterDelta(old.bytes, now.bytes) : null;
		return {
			id,
			chain: row['chain'] ?? '',
			action: row['action'] ?? '',
			matchers: matcherSummary(row),
			classifier: row['per-connection-classifier'] ?? '',
			marks: marksSummary(row),
			packets: now?.packets ?? 0n,
			bytes: now?.bytes ?? 0n,
			packetsPerSecond: perSecond(packetDelta, elapsed),
			bytesPerSecond: perSecond(byteDelta, elapsed),
			still: packetDelta === 0n,
		};
	});
}

function applySnapshot(state: MonitorState, snapshot: Snapshot): MonitorState {
	const previous = state.snapshot;
	const {rx, tx} = interfaceRates(previous, snapshot);
	const newPerSecond = new Map(
		snapshot.topology.wans.map(wan => [wan.name, previous ? newConnectionsPerSecond(wan, previous, snapshot) : null]),
	);
	const wans = wanViews({
		wans: snapshot.topology.wans,
		denominator: snapshot.topology.denominator,
		routes: snapshot.routes,
		netwatch: snapshot.netwatch,
		counts: snapshot.counts,
		newPerSecond,
		rx,
		tx,
	});
	recordHistory(state.history, snapshot.at, wans);
	const added = previous ? diffObserved({snapshot: previous, wans: state.wans}, {snapshot, wans}) : [];
	return {
		...state,
		snapshot,
		wans,
		mangle: mangleViews(previous, snapshot),
		events: withEvents(state.events, added),
		lastError: null,
		stuckCounts: whileDown(state.stuckCounts, wans),
	};
}

function linkEvent(before: LinkState, after: LinkState, at: number): MonitorEvent | null {
	// One event when the link is lost; the attempts that follow show in the header.
	if (after.kind === 'reconnecting' && before.kind !== 'reconnecting') {
		return {at, kind: 'link', severity: 'error', text: `connection lost (${after.error}); reconnecting`};
	}
	if (after.kind === 'live' && before.kind === 'reconnecting') {
		return {at, kind: 'link', severity: 'good', text: `reconnected after ${before.attempt} attempt${before.attempt === 1 ? '' : 's'}`};
	}
	return null;
}

export function reduce(state: MonitorState, action: MonitorAction): MonitorState {
	switch (action.type) {
		case 'snapshot':
			return state.frozen ? state : applySnapshot(state, action.snapshot);
		case 'link': {
			const event = linkEvent(state.link, action.link, action.at);
			return {...state, link: action.link, events: event ? withEvents(state.events, [event]) : state.events};
		}
		case 'poll-error':
			return {...state, lastError: {at: action.at, message: action.message}};
		case 'frozen':
			return state.frozen === action.frozen ? state : {...state, frozen: action.frozen};
		case 'interval':
			return state.intervalMs === action.ms ? state : {...state, intervalMs: action.ms};
		case 'read-only':
			return {...state, readOnly: action.reason};
		case 'action':
			return {
				...state,
				events: withEventInPlace(state.events, {at: action.at, kind: 'action', severity: action.severity ?? 'info', text: action.text}),
			};
		case 'stuck-counted': {
			const wan = state.wans.find(candidate => candidate.name === action.wan);
			if (!wan || wan.routeActive) return state;
			return {...state, stuckCounts: {...state.stuckCounts, [action.wan]: {at: action.at, stuck: action.stuck}}};
		}
	}
}
