import type {Table} from '../model/table.js';
import type {RouterOsVersion} from '../model/version.js';

/**
 * What the engine needs from the simulated router: its version, its menus' tables (which
 * the engine reads and writes: counters, route flags, client status) and its log. SimRouter
 * satisfies it.
 */
export interface EngineRouter {
	readonly version: RouterOsVersion;
	/** The table behind a menu path such as `/ip/firewall/mangle`. */
	table(path: string): Table;
	log(topics: string, message: string): void;
	/** `/system/resource` cpu-load percent, moved by the engine with the traffic it carries. */
	cpuLoad?: number;
}

export const paths = {
	mangle: '/ip/firewall/mangle',
	nat: '/ip/firewall/nat',
	filter: '/ip/firewall/filter',
	addressList: '/ip/firewall/address-list',
	interface: '/interface',
	interfaceList: '/interface/list',
	interfaceListMember: '/interface/list/member',
	address: '/ip/address',
	route: '/ip/route',
	routeRuleV6: '/ip/route/rule',
	routingRule: '/routing/rule',
	routingTable: '/routing/table',
	dhcpClient: '/ip/dhcp-client',
	netwatch: '/tool/netwatch',
	scheduler: '/system/scheduler',
} as const;
