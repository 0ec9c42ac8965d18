import {isHostRouteTo} from './addresses.js';
import {parseIpv4} from './shared/ipv4.js';
import {connectedInterface, interfaceNames} from './interfaces.js';
import {isEnabled, isYes, listOf, valueOf} from './rows.js';
import type {Row, RouterConfig} from './types.js';

export const defaultDestinations = new Set(['0.0.0.0/0', '0.0.0.0']);

/** v7 routes name their table, v6 routes their routing mark; unset is table main. */
export function routeTable(config: Pick<RouterConfig, 'routeros'>, row: Row): string {
	return valueOf(row, config.routeros === 7 ? 'routing-table' : 'routing-mark') ?? 'main';
}

export function routeDistance(row: Row): number {
	const distance = Number(valueOf(row, 'distance') ?? '1');
	return Number.isFinite(distance) ? distance : 1;
}

function isDefaultRoute(row: Row): boolean {
	return defaultDestinations.has(valueOf(row, 'dst-address') ?? '');
}

/** Enabled default routes of a table, least distance first (print order among equals). */
export function defaultRoutes(config: RouterConfig, table: string): Row[] {
	return config.routes
		.filter(row => isEnabled(row) && isDefaultRoute(row) && routeTable(config, row) === table)
		.map((row, order) => ({row, order}))
		.sort((a, b) => routeDistance(a.row) - routeDistance(b.row) || a.order - b.order)
		.map(({row}) => row);
}

/**
 * The table a routing mark leads to. A mark names its table unless a policy rule
 * (v6 /ip/route/rule, v7 /routing/rule) sends that mark to another one.
 */
export function tableForMark(config: RouterConfig, mark: string): string {
	const rule = config.routingRules.find(row => isEnabled(row) && row['routing-mark'] === mark
		&& (row.action ?? 'lookup').startsWith('lookup') && row.table);
	return rule?.table ?? mark;
}

export interface Gateway {
	/** As shown to users: suffixes stripped, recursive gateways as written. */
	address: string;
	/** From a `%iface` suffix. */
	via?: string;
}

/** ECMP lists expanded; `@table` (v7 lookup table) and `%iface` suffixes taken off. */
export function routeGateways(row: Row): Gateway[] {
	return listOf(valueOf(row, 'gateway')).map(entry => {
		const [beforeTable] = entry.split('@');
		const [address, via] = beforeTable.split('%');
		return via ? {address, via} : {address};
	});
}

export function isAddressGateway(gateway: string): boolean {
	return parseIpv4(gateway) !== undefined || gateway.includes(':');
}

/** Bounds recursive gateway resolution (a route via an address reached via another route). */
export const maxRecursion = 8;

/**
 * The interface a gateway leaves by: an interface gateway, a `%iface` suffix, a connected
 * address network, or (recursive gateways) the host route to it in main, followed down.
 */
export function gatewayInterface(config: RouterConfig, gateway: Gateway, depth = 0): string | undefined {
	if (gateway.via) return gateway.via;
	if (interfaceNames(config).has(gateway.address)) return gateway.address;
	if (!isAddressGateway(gateway.address) || depth >= maxRecursion) return undefined;
	const connected = connectedInterface(config, gateway.address);
	if (connected) return connected;
	const hostRoute = config.routes.find(row => isEnabled(row) && routeTable(config, row) === 'main'
		&& isHostRouteTo(valueOf(row, 'dst-address'), gateway.address));
	for (const next of hostRoute ? routeGateways(hostRoute) : []) {
		const found = gatewayInterface(config, next, depth + 1);
		if (found) return found;
	}
	return undefined;
}

/**
 * The hosts whose /32 routes discovery consults: the address gateways of `routes` (default
 * routes; then host routes, which may be recursive) and the probe hosts, less those on a
 * connected network, which need no route. So a router's full table never has to be read.
 */
export function hostRouteTargets(config: Pick<RouterConfig, 'addresses'>, routes: readonly Row[], probeHosts: readonly string[] = []): string[] {
	const gateways = routes.filter(isEnabled).flatMap(row => routeGateways(row))
		.filter(gateway => !gateway.via && parseIpv4(gateway.address) !== undefined)
		.map(gateway => gateway.address);
	return [...new Set([...gateways, ...probeHosts.filter(host => parseIpv4(host) !== undefined)])]
		.filter(host => connectedInterface(config, host) === undefined);
}

/** What the router itself says a route leaves by: v7 `immediate-gw`, v6 `gateway-status`. */
export function reportedInterface(row: Row): string | undefined {
	const immediate = valueOf(row, 'immediate-gw');
	if (immediate) return immediate.includes('%') ? immediate.split('%')[1] : parseIpv4(immediate) === undefined ? immediate : undefined;
	// v6: `203.0.113.1 reachable via  ether1`, `8.8.8.8 recursive via 203.0.113.1 ether1`.
	const status = valueOf(row, 'gateway-status');
	const via = status ? / via\s+(.+)$/.exec(status.split(',')[0]) : null;
	return via?.[1].trim().split(/\s+/).filter(word => parseIpv4(word) === undefined).pop();
}

/** Whether table main gets a default route: a configured one, or one a client installs. */
export function hasMainDefaultRoute(config: RouterConfig): boolean {
	if (defaultRoutes(config, 'main').length > 0) return true;
	// RouterOS defaults: a DHCP client adds a default route unless told not to; PPPoE does not.
	const dhcp = config.dhcpClients.some(row => isEnabled(row) && addsDefaultRoute(row) && installsIntoMain(row));
	const pppoe = config.pppoeClients.some(row => isEnabled(row) && isYes(row['add-default-route']));
	return dhcp || pppoe;
}

/** A DHCP client adds a default route unless told not to (`add-default-route=no`). */
function addsDefaultRoute(row: Row): boolean {
	const value = valueOf(row, 'add-default-route');
	return value !== 'no' && value !== 'false';
}

/** v7 DHCP clients can put their default route into other tables instead of main. */
function installsIntoMain(row: Row): boolean {
	const tables = listOf(valueOf(row, 'default-route-tables'));
	return tables.length === 0 || tables.some(table => table === 'main' || table.startsWith('main:'));
}

/** DHCP clients (v7) that install a default route into this table. */
export function dhcpClientsForTable(config: RouterConfig, table: string): Row[] {
	return config.dhcpClients.filter(row => isEnabled(row)
		&& listOf(valueOf(row, 'default-route-tables')).some(entry => entry.split(':')[0] === table));
}
