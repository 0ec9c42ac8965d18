/**
 * The domain's view of a router. Discovery and the problem checks are pure functions over
 * these types; the adapter fills RouterConfig and LiveCounts from the API.
 */

/** One API row as printed: every value a string, unset properties absent. */
export type Row = Readonly<Record<string, string>>;

/** Everything discovery reads, one array of rows per menu. Menus a version lacks are []. */
export interface RouterConfig {
	/** Major RouterOS version: 6 uses routing marks, 7 routing tables. */
	routeros: 6 | 7;
	/** `/system/resource` version text, e.g. `7.18.2 (stable)`. */
	version: string;
	identity: string;
	board: string;
	mangle: Row[];
	nat: Row[];
	/** `/ip/firewall/filter`: read for fasttrack, which takes packets past mangle. */
	filter: Row[];
	/**
	 * The routes discovery consults: default routes, and host routes to their gateways and to
	 * netwatch hosts (recursive ones followed). A router's other routes, a full BGP table
	 * perhaps, are not read.
	 */
	routes: Row[];
	/** v7 `/routing/table`. */
	routingTables: Row[];
	/** v7 `/routing/rule`, v6 `/ip/route/rule`. */
	routingRules: Row[];
	interfaces: Row[];
	interfaceLists: Row[];
	interfaceListMembers: Row[];
	addresses: Row[];
	addressLists: Row[];
	dhcpClients: Row[];
	pppoeClients: Row[];
	netwatch: Row[];
	/** `/ip/hotspot` servers; [] when the menu is absent. */
	hotspots: Row[];
	/** `/system/scheduler` and `/system/script`: scripts that may keep a WAN's gateway current. */
	scheduler: Row[];
	scripts: Row[];
}

/** Connection counts: one count-only query per mark, never the table itself. */
export interface ConnectionCounts {
	total: number;
	unmarked: number;
	byMark: Record<string, number>;
}

export type HashFields =
	| 'src-address'
	| 'dst-address'
	| 'both-addresses'
	| 'src-port'
	| 'dst-port'
	| 'both-ports'
	| 'src-address-and-port'
	| 'dst-address-and-port'
	| 'both-addresses-and-ports';

/**
 * A parsed `per-connection-classifier` value. Narrow on `valid`: a valid one has exactly one
 * remainder; an invalid one keeps what could be read (a seed-style `:10/0,1,2` list gives
 * hash, denominator and every remainder) and the text as written.
 */
export type Classifier = ValidClassifier | InvalidClassifier;

export interface ValidClassifier {
	valid: true;
	negated: boolean;
	hash: HashFields;
	denominator: number;
	/** Exactly one remainder: RouterOS's grammar has one per rule. */
	remainders: [number];
}

export interface InvalidClassifier {
	valid: false;
	negated: boolean;
	hash: HashFields | null;
	denominator: number | null;
	remainders: number[];
	/** The value as written. */
	text: string;
}

export interface NetwatchProbe {
	host: string;
	status: 'up' | 'down' | 'unknown';
	since?: string;
	comment?: string;
}

export interface Wan {
	/** Routing mark (v6) or routing table (v7); the connection mark when nothing routes it. */
	name: string;
	/** The mark the LAN-side PCC rules set; '' when they mark routing directly. */
	connectionMark: string;
	/** Other marks that lead here: output-chain PCC, inbound marking. */
	otherConnectionMarks: string[];
	/** The mark mangle sets; '' when no mark-routing rule routes its connection mark. */
	routingMark: string;
	/** The table holding its routes (v6: the routing mark unless an /ip/route/rule maps it). */
	table: string;
	remainders: number[];
	/** remainders / denominator. */
	share: number;
	/** Gateways of its default routes, least distance first. */
	gateways: string[];
	checkGateway: string | null;
	interface: string | null;
	netwatch: NetwatchProbe[];
	/** Whether an enabled srcnat masquerade / src-nat covers the interface. */
	masquerade: boolean;
	/**
	 * `.id`s of the mangle rules that set its connection mark from the classifier; for a
	 * drained WAN (no enabled one), its disabled ones, which the weight plan clones to revive it.
	 */
	pccRuleIds: string[];
}

export interface OutputGroup {
	hash: HashFields;
	denominator: number;
	/** remainder → connection mark */
	marks: Record<string, string>;
}

export type ProblemCode =
	| 'unassigned-bucket'
	| 'duplicate-bucket'
	| 'missing-connection-state-new'
	| 'mark-routing-uses-pcc'
	| 'missing-masquerade'
	| 'no-check-gateway'
	| 'no-main-default-route'
	| 'no-route-for-routing-mark'
	| 'routing-table-missing'
	| 'unused-routing-table'
	| 'connection-mark-without-routing'
	| 'routing-mark-mismatch'
	| 'no-inbound-mark'
	| 'rule-shadowed'
	| 'empty-interface-list'
	| 'empty-address-list'
	| 'netwatch-flushes-all-connections'
	| 'netwatch-probe-unpinned'
	| 'duplicate-probe-host'
	| 'static-gateway-on-dhcp-wan'
	| 'hotspot-with-pcc'
	| 'comment-contradicts-rule'
	| 'invalid-pcc-syntax'
	| 'impossible-remainder'
	| 'duplicate-pcc-rule'
	| 'fasttrack-bypasses-pcc'
	| 'gateway-on-other-wan'
	/** Not a check: the demo's router refused lines of the configuration it was given. */
	| 'configuration-refused';

export interface Problem {
	code: ProblemCode;
	/** What it is about, e.g. `3/2` or `wan2`; '' when the code needs none. */
	subject: string;
	/** One line: what is wrong and how to fix it. */
	message: string;
	severity: 'error' | 'warning';
}

export interface Topology {
	routeros: 6 | 7;
	/** Hash fields of the main (prerouting) group; null when the router has no PCC. */
	hash: HashFields | null;
	denominator: number | null;
	wans: Wan[];
	outputGroup: OutputGroup | null;
	/** Table main has a default route (static or from a DHCP/PPPoE client). */
	fallbackMainRoute: boolean;
	/** `.id`s of the mangle rules that make PCC work, in table order (see pccMangleIds). */
	pccMangleIds: string[];
	problems: Problem[];
}

/** What a WAN is doing now: from route state and one count-only query per mark. */
export interface WanLive {
	connections: number;
	/** Its share of all connections the WANs' marks carry (0 when there are none), 4 decimals. */
	actualShare: number;
	routeActive: boolean;
	state: 'up' | 'down';
}

export type LiveWan = Wan & WanLive;

/** Per-route live state, from `/ip/route` `active`/`inactive` (v6 also `gateway-status`). */
export interface RouteState {
	id: string;
	table: string;
	dstAddress: string;
	gateway: string;
	distance: number;
	checkGateway: string | null;
	active: boolean;
	/**
	 * Unusable: check-gateway failed or the gateway is unreachable. A route neither active nor
	 * inactive is a standby that a route of lower distance wins over.
	 */
	inactive: boolean;
	disabled: boolean;
	dynamic: boolean;
	/** v6 only, e.g. `203.0.113.1 reachable via ether1`. */
	gatewayStatus?: string;
}
