import type {Row, RouteState, RouterConfig, Topology, Wan} from '../../source/pcc/types.js';
import type {Snapshot} from '../../source/monitor/types.js';

/** A v7 router with three PCC WANs on four buckets: wan1 0,1/4, wan2 2/4, wan3 3/4. */
export const mangleRows: Row[] = [
	{'.id': '*1', chain: 'prerouting', action: 'accept', 'dst-address-list': 'local-nets', disabled: 'false'},
	{'.id': '*2', chain: 'prerouting', action: 'jump', 'jump-target': 'pcc', 'in-interface': 'bridge', disabled: 'false'},
	{'.id': '*3', chain: 'pcc', action: 'mark-connection', 'new-connection-mark': 'wan1_conn', 'per-connection-classifier': 'both-addresses-and-ports:4/0', 'connection-state': 'new', passthrough: 'true', disabled: 'false'},
	{'.id': '*4', chain: 'pcc', action: 'mark-connection', 'new-connection-mark': 'wan1_conn', 'per-connection-classifier': 'both-addresses-and-ports:4/1', 'connection-state': 'new', passthrough: 'true', disabled: 'false'},
	{'.id': '*5', chain: 'pcc', action: 'mark-connection', 'new-connection-mark': 'wan2_conn', 'per-connection-classifier': 'both-addresses-and-ports:4/2', 'connection-state': 'new', passthrough: 'true', disabled: 'false'},
	{'.id': '*6', chain: 'pcc', action: 'mark-connection', 'new-connection-mark': 'wan3_conn', 'per-connection-classifier': 'both-addresses-and-ports:4/3', 'connection-state': 'new', passthrough: 'true', disabled: 'false'},
	{'.id': '*7', chain: 'prerouting', action: 'mark-routing', 'connection-mark': 'wan1_conn', 'new-routing-mark': 'wan1', 'in-interface': 'bridge', passthrough: 'false', disabled: 'false'},
	{'.id': '*8', chain: 'prerouting', action: 'mark-routing', 'connection-mark': 'wan2_conn', 'new-routing-mark': 'wan2', 'in-interface': 'bridge', passthrough: 'false', disabled: 'false'},
	{'.id': '*9', chain: 'prerouting', action: 'mark-routing', 'connection-mark': 'wan3_conn', 'new-routing-mark': 'wan3', 'in-interface': 'bridge', passthrough: 'false', disabled: 'false'},
	{'.id': '*A', chain: 'prerouting', action: 'mark-connection', 'new-connection-mark': 'guest', 'in-interface': 'guest-bridge', passthrough: 'true', disabled: 'true'},
];

const gateways: Record<string, string> = {wan1: '203.0.113.1', wan2: '198.51.100.1', wan3: '192.0.2.1'};
const interfaces: Record<string, string> = {wan1: 'ether1', wan2: 'ether2', wan3: 'ether3'};
const remainders: Record<string, number[]> = {wan1: [0, 1], wan2: [2], wan3: [3]};
const ruleIds: Record<string, string[]> = {wan1: ['*3', '*4'], wan2: ['*5'], wan3: ['*6']};
const probeHosts: Record<string, string> = {wan1: '1.1.1.1', wan2: '8.8.8.8', wan3: '9.9.9.9'};
export const wanNames = ['wan1', 'wan2', 'wan3'] as const;
export type WanName = (typeof wanNames)[number];

export function wan(name: WanName): Wan {
	return {
		name,
		connectionMark: `${name}_conn`,
		otherConnectionMarks: [],
		routingMark: name,
		table: name,
		remainders: remainders[name],
		share: remainders[name].length / 4,
		gateways: [gateways[name]],
		checkGateway: 'ping',
		interface: interfaces[name],
		netwatch: [{host: probeHosts[name], status: 'unknown'}],
		masquerade: true,
		pccRuleIds: ruleIds[name],
	};
}

export const topology: Topology = {
	routeros: 7,
	hash: 'both-addresses-and-ports',
	denominator: 4,
	wans: wanNames.map(wan),
	outputGroup: null,
	fallbackMainRoute: true,
	pccMangleIds: ['*2', '*3', '*4', '*5', '*6', '*7', '*8', '*9'],
	problems: [
		{code: 'no-inbound-mark', subject: 'wan3', message: 'nothing marks connections arriving on ether3; add a mark-connection rule for in-interface=ether3', severity: 'warning'},
	],
};

export const config: RouterConfig = {
	routeros: 7,
	version: '7.18.2 (stable)',
	identity: 'edge-gw',
	board: 'RB5009UG+S+',
	mangle: mangleRows,
	nat: [],
	routes: [],
	routingTables: [],
	routingRules: [],
	interfaces: [],
	interfaceLists: [],
	interfaceListMembers: [],
	addresses: [],
	addressLists: [],
	dhcpClients: [],
	pppoeClients: [],
	netwatch: [],
	hotspots: [],
	filter: [],
	scheduler: [],
	scripts: [],
};

export function route(table: string, gateway: string, active: boolean, id: string, distance = 1, inactive = !active): RouteState {
	return {id, table, dstAddress: '0.0.0.0/0', gateway, distance, checkGateway: 'ping', active, inactive, disabled: false, dynamic: false};
}

/** What changes from one poll to the next; everything else is fixed. */
export interface Tick {
	at: number;
	connections: Record<WanName, number>;
	/** Packets of each PCC rule (and of every other rule). */
	packets: Record<string, bigint>;
	rxBytes: Record<WanName, bigint>;
	txBytes: Record<WanName, bigint>;
	routeActive: Record<WanName, boolean>;
	netwatch: Record<WanName, 'up' | 'down'>;
}

export function tick(overrides: Partial<Tick> = {}): Tick {
	return {
		at: 1_700_000_000_000,
		connections: {wan1: 400, wan2: 200, wan3: 200},
		packets: Object.fromEntries(mangleRows.map(row => [row['.id'], 1000n])),
		rxBytes: {wan1: 10_000_000n, wan2: 5_000_000n, wan3: 5_000_000n},
		txBytes: {wan1: 1_000_000n, wan2: 500_000n, wan3: 500_000n},
		routeActive: {wan1: true, wan2: true, wan3: true},
		netwatch: {wan1: 'up', wan2: 'up', wan3: 'up'},
		...overrides,
	};
}

/** A later tick: `seconds` on, counters advanced by the given per-second rates. */
export function advance(previous: Tick, seconds: number, change: Partial<Omit<Tick, 'at'>> = {}): Tick {
	return {...previous, ...change, at: previous.at + seconds * 1000};
}

export function snapshot(t: Tick, options: {configChanged?: boolean; topology?: Topology} = {}): Snapshot {
	const routes = wanNames.map((name, index) => route(name, gateways[name], t.routeActive[name], `*R${index + 1}`));
	routes.push(route('main', gateways.wan1, true, '*R9'));
	// A reachable backup that a lower distance wins over: neither active nor inactive.
	routes.push(route('main', gateways.wan2, false, '*RA', 2, false));
	const byMark = Object.fromEntries(wanNames.map(name => [`${name}_conn`, t.connections[name]]));
	const total = wanNames.reduce((sum, name) => sum + t.connections[name], 0) + 25;
	return {
		at: t.at,
		rttMs: 4,
		pollMs: 5,
		config,
		topology: options.topology ?? topology,
		configChanged: options.configChanged ?? false,
		router: {identity: 'edge-gw', version: '7.18.2 (stable)', board: 'RB5009UG+S+', uptime: '3d4h5m6s', cpuLoad: 7},
		mangle: mangleRows.map(row => ({id: row['.id'], packets: t.packets[row['.id']] ?? 0n, bytes: (t.packets[row['.id']] ?? 0n) * 100n, shape: ''})),
		routes,
		netwatch: wanNames.map(name => ({host: probeHosts[name], status: t.netwatch[name], since: '2024-01-02 13:45:00'})),
		interfaces: wanNames.map(name => ({name: interfaces[name], rxBytes: t.rxBytes[name], txBytes: t.txBytes[name], running: true})),
		counts: {total, unmarked: 25, byMark},
		counting: {at: t.at, routerMs: 1, everyMs: 2000},
	};
}
