import {hostRouteTargets, maxRecursion} from '../pcc/routes.js';
import {isEnabled, listOf, negation} from '../pcc/rows.js';
import type {ConnectionCounts, Row, RouterConfig} from '../pcc/types.js';
import {RouterError, type PrintOptions, type RouterApi} from './types.js';

const connectionTable = '/ip/firewall/connection';

/** RouterOS 6 answers `7.x` menus (and the reverse) with these traps; the menu is then empty. */
function isMissingMenu(error: unknown): boolean {
	return error instanceof RouterError && error.kind === 'trap'
		&& /no such command|no such directory/i.test(error.routerMessage ?? '');
}

/** A print whose menu this router may not have (a version or package difference) → []. */
function optional(request: Promise<Row[]>): Promise<Row[]> {
	return request.catch((error: unknown) => {
		if (isMissingMenu(error)) return [];
		throw error;
	});
}

/** `7.18.2 (stable)` → 7; RouterOS 6 and older read as 6 (routing marks, /ip/route/rule). */
export function majorVersion(version: string): 6 | 7 {
	const major = Number.parseInt(version, 10);
	return Number.isFinite(major) && major >= 7 ? 7 : 6;
}

/** The address lists the mangle rules match on; only those are read (lists can be huge). */
export function listsUsedBy(mangle: readonly Row[]): string[] {
	const lists = new Set<string>();
	for (const row of mangle) {
		for (const field of ['src-address-list', 'dst-address-list']) {
			for (const value of listOf(row[field])) lists.add(negation(value).name);
		}
	}
	return [...lists].sort();
}

/** `?name=a ?name=b ?#|`: query words selecting rows whose property is any of the values. */
export function anyOf(property: string, values: readonly string[]): string[] {
	const words = values.map(value => `${property}=${value}`);
	return values.length > 1 ? [...words, `#${'|'.repeat(values.length - 1)}`] : words;
}

/**
 * Host routes to the gateways of `routes` and to the probe hosts, and on down for recursive
 * gateways: one query per level, usually one in all.
 */
async function readHostRoutes(api: RouterApi, config: Pick<RouterConfig, 'addresses'>, routes: readonly Row[], probeHosts: readonly string[]): Promise<Row[]> {
	const found: Row[] = [];
	const asked = new Set<string>();
	let hosts = hostRouteTargets(config, routes, probeHosts);
	for (let level = 0; level < maxRecursion && hosts.length > 0; level++) {
		for (const host of hosts) asked.add(host);
		const rows = await api.print('/ip/route', {query: anyOf('dst-address', hosts.map(host => `${host}/32`))});
		found.push(...rows);
		hosts = hostRouteTargets(config, rows).filter(host => !asked.has(host));
	}
	return found;
}

/**
 * Everything discovery needs, in two round trips: every menu of both major versions is
 * requested at once (tags keep them apart on one connection), the version picks which
 * routing-rule menu applies, and the address lists the mangle rules name and the host routes
 * the gateways and probes need follow (a gateway recursive beyond that costs a round more).
 */
export async function readConfig(api: RouterApi): Promise<RouterConfig> {
	const print = (path: string, options?: PrintOptions): Promise<Row[]> => api.print(path, options);
	const [
		resource, identity, mangle, nat, routes, routingTables, v7Rules, v6Rules, interfaces, interfaceLists,
		interfaceListMembers, addresses, dhcpClients, pppoeClients, netwatch, hotspots, filter, scheduler, scripts,
	] = await Promise.all([
		print('/system/resource', {proplist: ['version', 'board-name', 'uptime']}),
		print('/system/identity'),
		print('/ip/firewall/mangle', {stats: true}),
		print('/ip/firewall/nat', {stats: true}),
		print('/ip/route', {query: ['dst-address=0.0.0.0/0']}),
		optional(print('/routing/table')),
		optional(print('/routing/rule')),
		optional(print('/ip/route/rule')),
		print('/interface'),
		optional(print('/interface/list')),
		optional(print('/interface/list/member')),
		print('/ip/address'),
		optional(print('/ip/dhcp-client')),
		optional(print('/interface/pppoe-client')),
		optional(print('/tool/netwatch')),
		optional(print('/ip/hotspot')),
		print('/ip/firewall/filter'),
		optional(print('/system/scheduler')),
		optional(print('/system/script', {proplist: ['.id', 'name', 'source', 'disabled']})),
	]);
	const lists = listsUsedBy(mangle);
	const probeHosts = netwatch.filter(isEnabled).flatMap(row => (row.host ? [row.host] : []));
	const [addressLists, hostRoutes] = await Promise.all([
		lists.length === 0 ? [] : print('/ip/firewall/address-list', {
			query: anyOf('list', lists),
			proplist: ['.id', 'list', 'address', 'disabled', 'dynamic'],
		}),
		readHostRoutes(api, {addresses}, routes, probeHosts),
	]);
	const version = resource[0]?.version ?? '';
	const routeros = majorVersion(version);
	return {
		routeros,
		version,
		identity: identity[0]?.name ?? '',
		board: resource[0]?.['board-name'] ?? '',
		mangle,
		nat,
		routes: [...routes, ...hostRoutes],
		routingTables: routeros === 7 ? routingTables : [],
		routingRules: routeros === 7 ? v7Rules : v6Rules,
		interfaces,
		interfaceLists,
		interfaceListMembers,
		addresses,
		addressLists,
		dhcpClients,
		pppoeClients,
		netwatch,
		hotspots,
		filter,
		scheduler,
		scripts,
	};
}

/**
 * Connections per mark, unmarked and in total, by count-only queries sent together: the
 * connection table itself (possibly a million rows) is never transferred.
 */
export async function readCounts(api: RouterApi, marks: readonly string[]): Promise<ConnectionCounts> {
	const unique = [...new Set(marks)];
	const [total, unmarked, ...perMark] = await Promise.all([
		api.count(connectionTable),
		// Unmarked connections print no connection-mark at all, or an empty one.
		api.count(connectionTable, ['-connection-mark', 'connection-mark=', '#|']),
		...unique.map(mark => api.count(connectionTable, [`connection-mark=${mark}`])),
	]);
	return {total, unmarked, byMark: Object.fromEntries(unique.map((mark, index) => [mark, perMark[index]]))};
}
