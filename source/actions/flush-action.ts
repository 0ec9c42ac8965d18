import {isRouteUp} from '../pcc/route-state.js';
import type {Row, RouteState, Wan} from '../pcc/types.js';
import type {RouterApi} from '../routeros/types.js';
import type {AuditResult} from './audit.js';
import {errorText} from './failures.js';
import {
	countMarked,
	describeFlush,
	flushComplete,
	flushMark,
	listFlushIds,
	workingAddresses,
	type ConnectionCountsByProtocol,
	type FlushProgress,
	type FlushResult,
	type FlushScope,
} from './flush.js';
import {flushRecord} from './records.js';
import type {ActionSession} from './session.js';
import {writeRecord, type AuditTrail} from './trail.js';

/**
 * The flush use case, which the CLI and the screen both drive: name the target, count it,
 * run it (with progress and a cancel signal), record it. Each step is here once, so a fix
 * lands for both.
 */

export type FlushScopeKind = FlushScope['kind'];

/** One WAN's connections to flush, and the stuck scope when its route is down. */
export interface FlushTarget {
	wan: string;
	mark: string;
	routeDown: boolean;
	/** Only while the route is down: connections that left by a working WAN are kept. */
	stuckScope: FlushScope | null;
}

/** What the router looks like for a flush: its WANs, their routes now, and its addresses. */
export interface FlushView {
	wans: readonly Wan[];
	routes: readonly RouteState[];
	addresses: readonly Row[];
}

export function flushTarget(wan: Wan, view: FlushView): FlushTarget {
	const routeDown = !isRouteUp(wan, view.routes);
	const wans = view.wans.map(candidate => ({name: candidate.name, interface: candidate.interface, routeActive: isRouteUp(candidate, view.routes)}));
	return {
		wan: wan.name,
		mark: wan.connectionMark,
		routeDown,
		stuckScope: routeDown ? {kind: 'stuck', workingAddresses: workingAddresses(view.addresses, wans, wan.name)} : null,
	};
}

export function scopeOf(target: FlushTarget, kind: FlushScopeKind): FlushScope {
	return kind === 'stuck' && target.stuckScope ? target.stuckScope : {kind: 'all'};
}

export interface FlushCount {
	counts: ConnectionCountsByProtocol;
	/** How many are stuck; null when not asked or the route is up. */
	stuck: number | null;
}

/** Counts the mark per protocol (cheap), and with `stuck` those the stuck scope would take. */
export async function countFlush(router: RouterApi, target: FlushTarget, stuck: boolean): Promise<FlushCount> {
	const counts = await countMarked(router, target.mark);
	if (!stuck || !target.stuckScope) return {counts, stuck: null};
	return {counts, stuck: counts.total === 0 ? 0 : (await listFlushIds(router, target.mark, target.stuckScope)).length};
}

export interface FlushRun {
	signal?: AbortSignal;
	onProgress?: (progress: FlushProgress) => void;
}

/**
 * Removes the connections. After a dropped link nothing is resent: it reconnects and
 * counts what is really left.
 */
export async function runFlush(session: ActionSession, target: FlushTarget, kind: FlushScopeKind, run: FlushRun = {}): Promise<FlushResult> {
	const result = await flushMark(session.router, {mark: target.mark, scope: scopeOf(target, kind), signal: run.signal, onProgress: run.onProgress});
	if (!result.interrupted || !session.reconnect) return result;
	try {
		const router = await session.reconnect();
		const remaining = await router.count('/ip/firewall/connection', [`connection-mark=${target.mark}`]);
		return {...result, remaining, interrupted: `${result.interrupted}; after reconnecting`};
	} catch (error) {
		return {...result, interrupted: `${result.interrupted}; reconnecting failed: ${errorText(error)}`};
	}
}

/** How a flush ended, for the audit log; null when it failed before any result. */
export function flushStatus(result: FlushResult | null): AuditResult {
	if (!result) return 'failed';
	if (flushComplete(result)) return 'ok';
	if (result.cancelled) return 'cancelled';
	return result.remaining === null ? 'unknown' : 'partial';
}

/** The one line a flush ends with: what went, or why none did. */
export function flushLine(target: FlushTarget, result: FlushResult | null, error?: unknown): string {
	return result ? describeFlush(result, target.wan) : `${target.wan} failed: ${errorText(error)}`;
}

/** Writes the flush to the audit log; says why when the log could not be written. */
export async function recordFlush(
	trail: AuditTrail,
	target: FlushTarget,
	kind: FlushScopeKind,
	counts: ConnectionCountsByProtocol | null,
	result: FlushResult | null,
	message: string,
): Promise<string | null> {
	const written = await writeRecord(trail, flushRecord({wan: target.wan, mark: target.mark, scope: kind}, counts, result, flushStatus(result), message), result?.at);
	return 'error' in written ? written.error : null;
}
