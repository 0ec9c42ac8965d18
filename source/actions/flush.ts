import {groupThousands} from '../pcc/thousands.js';
import type {Row} from '../pcc/types.js';
import type {RouterApi} from '../routeros/types.js';
import {isLinkFailure, isNoSuchItem} from './failures.js';

const connectionPath = '/ip/firewall/connection';
const countedProtocols = ['tcp', 'udp', 'icmp'] as const;

export interface ConnectionCountsByProtocol {
	total: number;
	tcp: number;
	udp: number;
	icmp: number;
	other: number;
}

/** Count-only per protocol (docs/routeros-api.md, "Print and queries"): four cheap queries, pipelined, no table pulled. */
export async function countMarked(router: RouterApi, mark: string): Promise<ConnectionCountsByProtocol> {
	const byMark = `connection-mark=${mark}`;
	const [total, tcp, udp, icmp] = await Promise.all([
		router.count(connectionPath, [byMark]),
		...countedProtocols.map(protocol => router.count(connectionPath, [byMark, `protocol=${protocol}`])),
	]);
	return {total, tcp, udp, icmp, other: Math.max(0, total - tcp - udp - icmp)};
}

/**
 * all: every connection carrying the mark. stuck: only those that did not leave through a
 * working WAN. When a WAN's route goes down, connections opened before carry its address
 * and are dead; connections classified to it since then left by the main-table fallback,
 * were masqueraded to another WAN's address and work, so they are kept.
 */
export type FlushScope = {kind: 'all'} | {kind: 'stuck'; workingAddresses: string[]};

/** The address part of `1.2.3.4:80`, `[2001:db8::1]:80`, or a portless address. */
export function hostOf(address: string): string {
	if (address.startsWith('[')) return address.slice(1, address.indexOf(']'));
	const colons = address.split(':').length - 1;
	return colons === 1 ? address.slice(0, address.indexOf(':')) : address;
}

/**
 * The addresses connections are masqueraded to when they leave by a working WAN: those of
 * every other WAN whose route is up. Used by the stuck scope.
 */
export function workingAddresses(
	addresses: readonly Row[],
	wans: ReadonlyArray<{name: string; interface: string | null; routeActive: boolean}>,
	flushed: string,
): string[] {
	const interfaces = new Set(wans.filter(wan => wan.name !== flushed && wan.routeActive && wan.interface).map(wan => wan.interface));
	return addresses
		.filter(row => interfaces.has(row.interface ?? '') && row.address)
		.map(row => row.address.split('/')[0]);
}

export function isStuck(row: Row, working: ReadonlySet<string>): boolean {
	const natted = row['reply-dst-address'];
	return natted === undefined || !working.has(hostOf(natted));
}

export interface FlushProgress {
	/** Connections chosen for removal when the flush started. */
	total: number;
	removed: number;
	alreadyGone: number;
	/** Remove commands sent and not answered yet. */
	inFlight?: number;
}

export interface FlushResult extends FlushProgress {
	scope: FlushScope['kind'];
	/** Connections still carrying the mark afterwards; null when it could not be read. */
	remaining: number | null;
	cancelled: boolean;
	/** When the last remove command was answered (ms since the epoch): when the router changed. */
	at?: number;
	/**
	 * When cancelled: the remove commands already sent at that moment, which the router
	 * carries out anyway, and how many connections they took.
	 */
	inFlightAtCancel?: {batches: number; removed: number};
	/** Set when the link failed mid-flush; batches in flight were not sent again. */
	interrupted?: string;
}

export interface FlushOptions {
	mark: string;
	scope?: FlushScope;
	/** Ids per remove command (≈1,000 keeps each sentence well under a megabyte). */
	batchSize?: number;
	/** Remove commands in flight at once. */
	parallel?: number;
	signal?: AbortSignal;
	onProgress?: (progress: FlushProgress) => void;
}

/** Ids of the connections a flush would remove; for the stuck scope, with their NAT address. */
export async function listFlushIds(router: RouterApi, mark: string, scope: FlushScope = {kind: 'all'}): Promise<string[]> {
	const proplist = scope.kind === 'stuck' ? ['.id', 'reply-dst-address'] : ['.id'];
	const rows = await router.print(connectionPath, {query: [`connection-mark=${mark}`], proplist, timeoutMs: 60_000});
	const working = new Set(scope.kind === 'stuck' ? scope.workingAddresses : []);
	return rows
		.filter(row => scope.kind === 'all' || isStuck(row, working))
		.map(row => row['.id'])
		.filter((id): id is string => id !== undefined);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
	const result: T[][] = [];
	for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
	return result;
}

/**
 * Removes the connections carrying a mark: list their ids once, then `remove` them in
 * batches of comma-separated ids, a few commands in flight at once. Connections expire all
 * the time, so a batch may name one that is gone (`no such item`): then the ids still there
 * are listed again and the batch is retried in halves, down to single ids. What happens to
 * the rest of a batch when one id is gone is not documented (docs/routeros-api.md, "Errors"), so ids
 * missing from the re-list count as already gone.
 */
export async function flushMark(router: RouterApi, options: FlushOptions): Promise<FlushResult> {
	const batchSize = Math.max(1, options.batchSize ?? 1000);
	const parallel = Math.max(1, options.parallel ?? 4);
	const ids = await listFlushIds(router, options.mark, options.scope);
	const progress: FlushProgress = {total: ids.length, removed: 0, alreadyGone: 0, inFlight: 0};
	let interrupted: string | undefined;
	// A cancel stops sending at once; what was sent already is awaited and reported.
	let atCancel: {batches: number; done: number} | undefined;
	const onAbort = () => {
		atCancel = {batches: progress.inFlight ?? 0, done: progress.removed + progress.alreadyGone};
		report();
	};
	if (options.signal?.aborted) onAbort();
	else options.signal?.addEventListener('abort', onAbort, {once: true});
	const stopped = () => options.signal?.aborted || interrupted !== undefined;
	let relisting: Promise<Set<string>> | undefined;
	const report = () => options.onProgress?.({...progress});

	const stillThere = (): Promise<Set<string>> => {
		// Batches failing together share one re-list instead of pulling the ids each.
		relisting ??= router
			.print(connectionPath, {query: [`connection-mark=${options.mark}`], proplist: ['.id'], timeoutMs: 60_000})
			.then(rows => new Set(rows.map(row => row['.id'])))
			.finally(() => {
				relisting = undefined;
			});
		return relisting;
	};

	const removeBatch = async (batch: string[]): Promise<void> => {
		if (stopped()) return;
		progress.inFlight = (progress.inFlight ?? 0) + 1;
		try {
			await router.remove(connectionPath, batch);
			progress.removed += batch.length;
			return;
		} catch (error) {
			if (!isNoSuchItem(error)) throw error;
		} finally {
			progress.inFlight = (progress.inFlight ?? 1) - 1;
			report();
		}
		if (batch.length === 1) {
			progress.alreadyGone += 1;
			report();
			return;
		}
		if (stopped()) return;
		const present = await stillThere();
		if (stopped()) return;
		const left = batch.filter(id => present.has(id));
		progress.alreadyGone += batch.length - left.length;
		report();
		for (const half of chunks(left, Math.ceil(left.length / 2))) await removeBatch(half);
	};

	const queue = chunks(ids, batchSize);
	let failure: unknown;
	const worker = async (): Promise<void> => {
		for (let batch = queue.shift(); batch; batch = queue.shift()) {
			if (options.signal?.aborted || interrupted || failure) return;
			try {
				await removeBatch(batch);
			} catch (error) {
				if (isLinkFailure(error)) interrupted ??= error.message;
				else failure ??= error;
			}
		}
	};
	report();
	try {
		await Promise.all(Array.from({length: Math.min(parallel, queue.length)}, worker));
	} finally {
		options.signal?.removeEventListener('abort', onAbort);
	}
	// Other workers stop at their next batch; the first real error (say, permissions) wins.
	if (failure) throw failure;

	let remaining: number | null = null;
	if (!interrupted) {
		try {
			remaining = await router.count(connectionPath, [`connection-mark=${options.mark}`]);
		} catch (error) {
			if (!isLinkFailure(error)) throw error;
			interrupted = error.message;
		}
	}
	const at = Date.now();
	const {inFlight: _settled, ...counted} = progress;
	const cancelled = Boolean(options.signal?.aborted);
	const inFlightAtCancel = cancelled && atCancel && atCancel.batches > 0
		? {batches: atCancel.batches, removed: counted.removed + counted.alreadyGone - atCancel.done}
		: undefined;
	return {...counted, scope: options.scope?.kind ?? 'all', remaining, cancelled, at, ...(inFlightAtCancel && {inFlightAtCancel}), interrupted};
}

/** "removed 12,345 of 12,400; 55 had already closed" */
export function describeFlush(result: FlushResult, wan: string): string {
	const parts = [`${wan}: removed ${groupThousands(result.removed)} of ${groupThousands(result.total)}`];
	if (result.alreadyGone > 0) parts.push(`${groupThousands(result.alreadyGone)} had already closed`);
	if (result.cancelled) {
		const sent = result.inFlightAtCancel;
		parts.push(sent
			? `cancelled; the ${sent.batches === 1 ? 'batch' : `${sent.batches} batches`} already sent then removed ${groupThousands(sent.removed)} of them`
			: 'cancelled');
	}
	if (result.interrupted) parts.push(`the connection dropped (${result.interrupted})`);
	if (result.remaining !== null && result.remaining > 0) {
		// With the stuck scope, the rest left by a working WAN and were kept on purpose.
		parts.push(`${groupThousands(result.remaining)} ${result.scope === 'stuck' ? 'working ones keep' : 'still carry'} the mark`);
	}
	return parts.join('; ');
}

/** Partial when stopped early or when ids were left unremoved for any reason but expiry. */
export function flushComplete(result: FlushResult): boolean {
	return !result.cancelled && !result.interrupted && result.removed + result.alreadyGone === result.total;
}

/** What is known afterwards, for the audit log: what went, and what is left when it could be counted. */
export function afterCounts(result: FlushResult): Record<string, number> {
	const known = {removed: result.removed, alreadyGone: result.alreadyGone};
	return result.remaining === null ? known : {...known, remaining: result.remaining};
}
