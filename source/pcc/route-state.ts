import {defaultDestinations, routeDistance, routeTable} from './routes.js';
import {isYes, valueOf} from './rows.js';
import type {Row, RouterConfig, RouteState, Wan} from './types.js';

/** A route as printed, read into its live state. */
export function toRouteState(routeros: 6 | 7, row: Row): RouteState {
	const route: RouteState = {
		id: row['.id'] ?? '',
		table: routeTable({routeros}, row),
		dstAddress: row['dst-address'] ?? '',
		gateway: row['gateway'] ?? '',
		distance: routeDistance(row),
		checkGateway: valueOf(row, 'check-gateway') ?? null,
		active: isYes(row['active']),
		// RouterOS 6 has no `inactive` flag: it says so in gateway-status instead.
		inactive: isYes(row['inactive']) || /unreachable/.test(row['gateway-status'] ?? ''),
		disabled: isYes(row['disabled']),
		dynamic: isYes(row['dynamic']),
	};
	if (row['gateway-status'] !== undefined) route.gatewayStatus = row['gateway-status'];
	return route;
}

/** The live state of every route a configuration read holds. */
export function configRouteStates(config: Pick<RouterConfig, 'routeros' | 'routes'>): RouteState[] {
	return config.routes.map(row => toRouteState(config.routeros, row));
}

/**
 * The table a WAN's traffic is routed by. A connection mark that nothing routes (no
 * mark-routing rule) is not a WAN whose route is down: its traffic follows table main.
 */
export function routedTable(wan: Wan): string {
	return wan.routingMark === '' ? 'main' : wan.table;
}

/** The default routes the WAN's traffic takes as they stand now, least distance first. */
export function wanRouteStates(wan: Wan, routes: readonly RouteState[]): RouteState[] {
	const table = routedTable(wan);
	return routes
		.filter(route => route.table === table && defaultDestinations.has(route.dstAddress) && !route.disabled)
		.sort((a, b) => a.distance - b.distance);
}

/**
 * A WAN's route is up while one of its default routes is active: check-gateway (or the
 * link, for interface gateways) is what takes that route away, and then its marked traffic
 * has nowhere to go.
 */
export function isRouteUp(wan: Wan, routes: readonly RouteState[]): boolean {
	return wanRouteStates(wan, routes).some(route => route.active);
}
