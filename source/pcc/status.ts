import type {ConnectionCounts, Topology} from './types.js';

/** Whether load balancing is happening, and if not, why. */
export interface BalancingStatus {
	status: 'ok' | 'degraded';
	/** One line: what is wrong, or what holds when nothing is (`every WAN is up`). */
	reason: string;
	/** Degraded because PCC balances nothing (not because a WAN, shown as down, is down). */
	notBalancing: boolean;
}

/**
 * Below this many connections an all-unmarked table can be a quiet router (its own DNS and
 * NTP are unmarked): only above it does "nothing is marked" mean PCC is not marking.
 */
export const unmarkedMinimumConnections = 50;

/** What the status needs of a WAN: its live state and the connections its marks carry. */
export interface StatusWan {
	name: string;
	state: 'up' | 'down';
	connections: number;
}

function listed(names: readonly string[]): string {
	return `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} down`;
}

/**
 * Degraded when a WAN is down, or when PCC is configured but balances nothing: every PCC
 * rule disabled, no bucket claimed by an enabled rule, or every connection unmarked while
 * the WANs are up. A router without PCC is not degraded; the reason says there is none.
 */
export function balancingStatus(topology: Topology, wans: readonly StatusWan[], counts: ConnectionCounts): BalancingStatus {
	const configured = topology.hash !== null || topology.wans.some(wan => wan.pccRuleIds.length > 0);
	if (!configured && wans.length === 0) return {status: 'ok', reason: 'no PCC WANs to watch', notBalancing: false};
	const down = wans.filter(wan => wan.state === 'down').map(wan => wan.name);
	if (down.length > 0) return {status: 'degraded', reason: listed(down), notBalancing: false};
	if (!configured) return {status: 'ok', reason: 'every WAN is up (no PCC rule balances new connections)', notBalancing: false};
	if (topology.hash === null) {
		return {status: 'degraded', reason: 'every PCC rule is disabled', notBalancing: true};
	}
	if (topology.wans.every(wan => wan.remainders.length === 0)) {
		return {status: 'degraded', reason: 'no enabled PCC rule claims a bucket', notBalancing: true};
	}
	const marked = wans.reduce((sum, wan) => sum + wan.connections, 0);
	if (marked === 0 && counts.total >= unmarkedMinimumConnections) {
		return {status: 'degraded', reason: `all ${counts.total} connections unmarked with every WAN up`, notBalancing: true};
	}
	return {status: 'ok', reason: 'every WAN is up', notBalancing: false};
}
