import {liveWans} from '../pcc/live.js';
import {wanRouteStates} from '../pcc/route-state.js';
import type {ConnectionCounts, NetwatchProbe, RouteState, Wan} from '../pcc/types.js';

export type GatewayState = 'reachable' | 'unreachable' | 'unknown';
export type NetwatchState = 'up' | 'down' | 'unknown' | 'none';

/** One WAN as the screen shows it, on one snapshot. */
export interface WanView {
	name: string;
	connectionMark: string;
	/** `0,1/3`: remainders over the denominator; `–` for none. */
	buckets: string;
	/** Configured share, 0..1. */
	share: number;
	connections: number;
	/** Share of all PCC-marked connections, 0..1; null while there are none. */
	actualShare: number | null;
	/** actualShare minus share, when the gap is big enough to mean something; else null. */
	skew: number | null;
	/** From the packet deltas of its PCC mark-connection rules. */
	newPerSecond: number | null;
	/** Bits per second on its interface. */
	rxBps: number | null;
	txBps: number | null;
	gateway: string;
	gatewayState: GatewayState;
	routeActive: boolean;
	netwatch: NetwatchState;
	state: 'up' | 'down';
	/**
	 * Connections still carrying its mark while its route is down: an upper bound on those
	 * stuck, since some may have left through another WAN's address and still work.
	 */
	stuck: number;
}

/** Below this many marked connections, shares are noise. */
const skewMinimumConnections = 20;
/** Share gap (absolute) that counts as skew. */
const skewThreshold = 0.1;

/** A drained WAN (weight 0, or its PCC rules disabled) has none: a dash, not `/2`. */
function bucketsText(remainders: number[], denominator: number | null): string {
	if (remainders.length === 0) return '–';
	return `${[...remainders].sort((a, b) => a - b).join(',')}/${denominator ?? '?'}`;
}

/**
 * v6 says so in gateway-status; v7 only shows it through the route: with check-gateway, an
 * inactive route means its gateway stopped answering.
 */
function gatewayStateOf(routes: RouteState[]): GatewayState {
	const first = routes[0];
	if (!first) return 'unknown';
	if (first.gatewayStatus !== undefined) return /\bunreachable\b/.test(first.gatewayStatus) ? 'unreachable' : 'reachable';
	if (first.active) return 'reachable';
	return first.checkGateway ? 'unreachable' : 'unknown';
}

function netwatchStateOf(wan: Wan, probes: NetwatchProbe[]): NetwatchState {
	const hosts = new Set(wan.netwatch.map(probe => probe.host));
	const live = probes.filter(probe => hosts.has(probe.host));
	if (live.length === 0) return 'none';
	if (live.some(probe => probe.status === 'down')) return 'down';
	if (live.every(probe => probe.status === 'up')) return 'up';
	return 'unknown';
}

export interface WanViewInput {
	wans: Wan[];
	denominator: number | null;
	routes: RouteState[];
	netwatch: NetwatchProbe[];
	counts: ConnectionCounts;
	newPerSecond: Map<string, number | null>;
	rx: Map<string, number | null>;
	tx: Map<string, number | null>;
}

export function wanViews(input: WanViewInput): WanView[] {
	const live = liveWans(input.wans, input.routes, input.counts);
	const marked = live.reduce((sum, wan) => sum + wan.connections, 0);
	return live.map(wan => {
		const routes = wanRouteStates(wan, input.routes);
		const actualShare = marked > 0 ? wan.actualShare : null;
		const gap = actualShare === null ? 0 : actualShare - wan.share;
		return {
			name: wan.name,
			connectionMark: wan.connectionMark,
			buckets: bucketsText(wan.remainders, input.denominator),
			share: wan.share,
			connections: wan.connections,
			actualShare,
			skew: marked >= skewMinimumConnections && Math.abs(gap) >= skewThreshold ? gap : null,
			newPerSecond: input.newPerSecond.get(wan.name) ?? null,
			rxBps: wan.interface ? (input.rx.get(wan.interface) ?? null) : null,
			txBps: wan.interface ? (input.tx.get(wan.interface) ?? null) : null,
			gateway: routes[0]?.gateway ?? wan.gateways[0] ?? '',
			gatewayState: gatewayStateOf(routes),
			routeActive: wan.routeActive,
			netwatch: netwatchStateOf(wan, input.netwatch),
			state: wan.state,
			stuck: wan.routeActive ? 0 : wan.connections,
		};
	});
}
