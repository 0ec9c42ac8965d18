import {parseIpv4} from '../../pcc/shared/ipv4.js';
import type {Fields, Item} from '../model/item.js';
import {formatIpv4} from '../menus/values.js';
import {parseIpRange, type IpRange} from './ipv4.js';
import type {NetworkView} from './network.js';
import {paths, type EngineRouter} from './router-port.js';
import type {Upstream} from './upstream.js';

/**
 * Routing as the router does it, for the traffic the engine simulates.
 *
 * A packet's routing mark names a table (v7 `routing-table`, v6 `routing-mark`); the table's
 * active route of longest prefix, then least distance, carries it. Gateways resolve through
 * connected networks, or recursively through another active main-table route whose `scope`
 * is within this route's `target-scope`. `check-gateway=ping` pings each gateway every
 * 10 s; two misses in a row make the route inactive, one answer makes it active again.
 *
 * Fallback to main, RouterOS 6 and 7 alike: when the marked table has no active route for
 * the destination, the lookup continues in `main`. Both versions route by policy rules in
 * the Linux style: the mark's lookup "falls through" when it finds nothing (v6 manual,
 * `/ip route rule` action `lookup` vs `lookup-only-in-table`; v7 `/routing/rule` has the same
 * two actions, and MikroTik's advice for keeping marked traffic off main in both is a
 * blackhole route in the table or a `lookup-only-in-table` rule). So, as the seeds describe:
 * once check-gateway takes a WAN's route away, *new* connections marked for it leave
 * through main's default route (the next WAN by distance) and work, while *existing*
 * connections on it break: conntrack keeps their NAT source of the dead WAN, so their packets
 * leave the other WAN with the wrong source and no reply comes back; they stall until
 * removed (the netwatch flush) or timed out. Where the versions differ is what a mark that
 * names no table means: v7 only routes by tables that exist with `fib` (others fall back to
 * main at once); v6 treats any mark as a table name.
 */

interface GatewaySpec {
	text: string;
	address: number | undefined;
	interface: string | undefined;
}

export interface Nexthop {
	interface: string;
	/** The immediate gateway's address; undefined on a point-to-point or interface route. */
	address: number | undefined;
	/** What must answer for traffic to pass: the immediate gateway's address, or the interface. */
	key: string;
	/** What must answer for a ping of this route's gateway (recursive: the far host too). */
	probeKeys: string[];
	/** The v6 `gateway-status` / v7 `immediate-gw` text. */
	status: string;
	immediate: string;
}

interface RouteEntry {
	/** The `/ip/route` row; a connected network whose row the router has not listed has none. */
	item: Item | undefined;
	/** A connected network (from `/ip/address`), not a configured route. */
	connected: boolean;
	table: string;
	range: IpRange;
	length: number;
	gateways: GatewaySpec[];
	distance: number;
	scope: number;
	targetScope: number;
	check: boolean;
	drop: boolean;
	nexthops: Nexthop[];
	/** One per nexthop, made when the route becomes active: lookups allocate nothing. */
	paths: Path[];
	usable: boolean;
	active: boolean;
}

/** Where a packet goes: one per (route, nexthop), shared by every flow that takes it. */
export interface Path {
	key: string;
	interface: string;
	/** Reachability key of the immediate gateway (address text or interface name). */
	gateway: string;
	route: Item | undefined;
}

interface PolicyRule {
	src: IpRange | undefined;
	dst: IpRange | undefined;
	mark: string | undefined;
	interface: string | undefined;
	action: string;
	table: string;
}

/** Every-10-seconds ping, two misses to fail: RouterOS's check-gateway timing. */
export const checkGatewayInterval = 10_000;
const missesToFail = 2;

function parseGateways(text: string | undefined): GatewaySpec[] {
	if (!text) return [];
	return text.split(',').map(part => part.trim().replace(/@.*$/, '')).filter(Boolean).map(part => {
		const [addressText, interfaceName] = part.split('%');
		const address = parseIpv4(addressText);
		return address === undefined
			? {text: part, address: undefined, interface: part}
			: {text: addressText, address, interface: interfaceName};
	});
}

function number(text: string | undefined, fallback: number): number {
	const value = Number(text);
	return text !== undefined && text !== '' && Number.isFinite(value) ? value : fallback;
}

export class Routing {
	private entries: RouteEntry[] = [];
	private byTable = new Map<string, RouteEntry[]>();
	private rules: PolicyRule[] = [];
	private readonly misses = new Map<Item, number>();
	private readonly failed = new Set<Item>();
	private readonly paths = new Map<string, Path>();
	private view: NetworkView | undefined;
	/** Set while the engine writes route flags, so its own writes do not trigger a rebuild. */
	writing = false;

	constructor(
		private readonly router: EngineRouter,
		private readonly upstream: Upstream,
	) {}

	private get v7(): boolean {
		return this.router.version.major >= 7;
	}

	/** Re-reads routes and rules and re-decides which routes are active; writes their flags. */
	rebuild(view: NetworkView): void {
		this.view = view;
		const tables = this.v7 ? this.fibTables() : undefined;
		const items = this.router.table(paths.route).items;
		const entries: RouteEntry[] = view.connected.map(network => ({
			item: items.find(item => item.fields.connect === 'true' && item.fields.gateway === network.interface && parseIpRange(item.fields['dst-address'] ?? '')?.low === network.network.low),
			connected: true,
			table: 'main',
			range: network.network,
			length: 32 - Math.log2(network.network.high - network.network.low + 1),
			gateways: [{text: network.interface, address: undefined, interface: network.interface}],
			distance: 0,
			scope: 10,
			targetScope: 10,
			check: false,
			drop: false,
			nexthops: [],
			paths: [],
			usable: true,
			active: false,
		}));
		for (const item of items) {
			if (item.fields.connect === 'true') continue;
			const entry = this.entryOf(item);
			if (!entry) continue;
			if (tables && !tables.has(entry.table)) continue;
			entries.push(entry);
		}
		for (const item of [...this.misses.keys()]) if (!entries.some(entry => entry.item === item)) this.misses.delete(item);
		for (const item of [...this.failed]) if (!entries.some(entry => entry.item === item)) this.failed.delete(item);
		this.entries = entries;
		this.byTable = new Map();
		this.resolveAll();
		this.rules = this.readRules();
		this.writeFlags();
	}

	/**
	 * Where a packet with this routing mark and destination leaves, or null when it is dropped
	 * (no route, a blackhole route, a drop rule). `hash` spreads flows over ECMP gateways.
	 */
	lookup(mark: string | undefined, dst: number, src: number, inInterface: string | undefined, hash: number): Path | null {
		for (const rule of this.rules) {
			if (rule.mark !== undefined && rule.mark !== mark) continue;
			if (rule.interface !== undefined && rule.interface !== inInterface) continue;
			if (rule.src && (src < rule.src.low || src > rule.src.high)) continue;
			if (rule.dst && (dst < rule.dst.low || dst > rule.dst.high)) continue;
			if (rule.action === 'drop' || rule.action === 'unreachable') return null;
			const found = this.lookupIn(rule.table, dst, hash);
			if (found !== undefined || rule.action === 'lookup-only-in-table') return found ?? null;
		}
		if (mark !== undefined) {
			const found = this.lookupIn(mark, dst, hash);
			if (found !== undefined) return found;
		}
		return this.lookupIn('main', dst, hash) ?? null;
	}

	/** Whether a ping to `address` from the router gets an answer (netwatch). */
	answers(address: number): boolean {
		const text = formatIpv4(address);
		if (!this.upstream.isUp(text)) return false;
		const path = this.lookup(undefined, address, 0, undefined, 0);
		if (!path) return false;
		const direct = this.view?.connected.some(network => address >= network.network.low && address <= network.network.high);
		return direct ? true : this.upstream.isUp(path.gateway);
	}

	/** One round of check-gateway pings; returns whether a route changed state. */
	probe(): boolean {
		let changed = false;
		for (const entry of this.entries) {
			if (!entry.check || !entry.item || entry.item.fields.disabled === 'true') continue;
			const answered = entry.nexthops.length > 0 && entry.nexthops.some(nexthop => nexthop.probeKeys.every(key => this.upstream.isUp(key)));
			if (answered) {
				this.misses.set(entry.item, 0);
				if (this.failed.delete(entry.item)) changed = true;
				continue;
			}
			const misses = (this.misses.get(entry.item) ?? 0) + 1;
			this.misses.set(entry.item, misses);
			if (misses >= missesToFail && !this.failed.has(entry.item)) {
				this.failed.add(entry.item);
				changed = true;
			}
		}
		if (changed && this.view) this.rebuild(this.view);
		return changed;
	}

	/** Whether a packet taking `path` would get through its gateway right now. */
	passes(path: Path): boolean {
		return this.upstream.isUp(path.gateway);
	}

	/**
	 * What of a destination decides its path: the specific (not default, not connected)
	 * active route covering it, if any. With ECMP the flow hash decides too, so every flow
	 * counts as different (undefined).
	 */
	destinationKey(dst: number): number | undefined {
		if (this.ecmp) return undefined;
		for (let index = 0; index < this.specific.length; index++) {
			const range = this.specific[index].range;
			if (dst >= range.low && dst <= range.high) return index + 1;
		}
		return 0;
	}

	private ecmp = false;
	private specific: RouteEntry[] = [];

	/** Interfaces that carry an active default route in some table: the WANs. */
	uplinks(): string[] {
		const names = new Set<string>();
		for (const entry of this.entries) {
			if (entry.active && !entry.connected && entry.length === 0) for (const nexthop of entry.nexthops) names.add(nexthop.interface);
		}
		return [...names];
	}

	/** Interfaces any configured route sends through (not counting connected networks). */
	routedInterfaces(): Set<string> {
		const names = new Set<string>();
		for (const entry of this.entries) if (!entry.connected) for (const nexthop of entry.nexthops) names.add(nexthop.interface);
		return names;
	}

	/** A reboot forgets ping history: routes come up as they are, then get checked again. */
	reset(): void {
		this.misses.clear();
		this.failed.clear();
	}

	private fibTables(): Set<string> {
		const tables = new Set(['main']);
		for (const item of this.router.table(paths.routingTable).items) {
			if (item.fields.disabled !== 'true' && item.fields.name && item.fields.fib !== 'false') tables.add(item.fields.name);
		}
		return tables;
	}

	private entryOf(item: Item): RouteEntry | undefined {
		const {fields} = item;
		if (fields.disabled === 'true') return undefined;
		const range = parseIpRange(fields['dst-address'] ?? '0.0.0.0/0');
		if (!range) return undefined;
		const table = (this.v7 ? fields['routing-table'] : fields['routing-mark']) || 'main';
		const drop = fields.blackhole === 'true' || (fields.type !== undefined && fields.type !== 'unicast');
		return {
			item,
			connected: false,
			table,
			range,
			length: 32 - Math.log2(range.high - range.low + 1),
			gateways: parseGateways(fields.gateway),
			distance: number(fields.distance, 1),
			scope: number(fields.scope, 30),
			targetScope: number(fields['target-scope'], 10),
			check: fields['check-gateway'] === 'ping' || fields['check-gateway'] === 'arp',
			drop,
			nexthops: [],
			paths: [],
			usable: false,
			active: false,
		};
	}

	/** Connected first, then recursive routes in rounds until nothing changes. */
	private resolveAll(): void {
		for (let round = 0; round < 4; round++) {
			let changed = false;
			for (const entry of this.entries) {
				if (entry.connected) {
					entry.nexthops = this.view!.isRunning(entry.gateways[0].text)
						? [{interface: entry.gateways[0].text, address: undefined, key: entry.gateways[0].text, probeKeys: [], status: `${entry.gateways[0].text} reachable`, immediate: entry.gateways[0].text}]
						: [];
					entry.usable = entry.nexthops.length > 0;
					continue;
				}
				const nexthops = entry.drop ? [] : entry.gateways.flatMap(gateway => this.resolve(entry, gateway));
				const usable = entry.drop || (nexthops.length > 0 && !(entry.item && this.failed.has(entry.item)));
				if (usable !== entry.usable || nexthops.length !== entry.nexthops.length) changed = true;
				entry.nexthops = nexthops;
				entry.usable = usable;
			}
			this.selectActive();
			if (!changed && round > 0) break;
		}
	}

	private resolve(entry: RouteEntry, gateway: GatewaySpec): Nexthop[] {
		const view = this.view!;
		if (gateway.address === undefined) {
			const name = gateway.interface!;
			return view.isRunning(name) ? [{interface: name, address: undefined, key: name, probeKeys: [name], status: `${name} reachable`, immediate: name}] : [];
		}
		const text = gateway.text;
		if (gateway.interface !== undefined) {
			return view.isRunning(gateway.interface)
				? [{interface: gateway.interface, address: gateway.address, key: text, probeKeys: [text], status: `${text} reachable via ${gateway.interface}`, immediate: `${text}%${gateway.interface}`}]
				: [];
		}
		const network = view.connected.find(candidate => gateway.address! >= candidate.network.low && gateway.address! <= candidate.network.high);
		if (network) {
			return [{interface: network.interface, address: gateway.address, key: text, probeKeys: [text], status: `${text} reachable via ${network.interface}`, immediate: `${text}%${network.interface}`}];
		}
		// Recursive: through an active main-table route whose scope this route's target-scope allows.
		const via = this.bestIn('main', gateway.address, candidate => candidate !== entry && !candidate.connected && candidate.scope <= entry.targetScope);
		if (!via || via.drop || via.nexthops.length === 0) return [];
		const next = via.nexthops[0];
		return [{
			interface: next.interface,
			address: next.address,
			key: next.key,
			probeKeys: [text, ...next.probeKeys],
			status: `${text} recursive via ${next.address === undefined ? next.interface : `${formatIpv4(next.address)} ${next.interface}`}`,
			immediate: next.immediate,
		}];
	}

	/** Per table and destination, the usable routes of least distance become active. */
	private selectActive(): void {
		const groups = new Map<string, RouteEntry[]>();
		for (const entry of this.entries) {
			entry.active = false;
			if (!entry.usable) continue;
			const key = `${entry.table}|${entry.range.low}/${entry.length}`;
			let group = groups.get(key);
			if (!group) groups.set(key, (group = []));
			group.push(entry);
		}
		for (const group of groups.values()) {
			const least = Math.min(...group.map(entry => entry.distance));
			const best = group.filter(entry => entry.distance === least);
			// v7 spreads over equal routes (ECMP); v6 uses the first, ECMP being one route's gateway list.
			for (const entry of this.v7 ? best : best.slice(0, 1)) entry.active = true;
		}
		this.byTable = new Map();
		for (const entry of this.entries) {
			entry.paths = entry.active ? entry.nexthops.map(nexthop => this.pathFor(entry, nexthop)) : [];
			if (!entry.active) continue;
			let list = this.byTable.get(entry.table);
			if (!list) this.byTable.set(entry.table, (list = []));
			list.push(entry);
		}
		for (const list of this.byTable.values()) list.sort((a, b) => b.length - a.length || a.distance - b.distance);
		this.specific = this.entries.filter(entry => !entry.connected && entry.length > 0 && (entry.active || entry.usable));
		this.ecmp = this.entries.some(entry => entry.active && (entry.nexthops.length > 1 || entry.gateways.length > 1))
			|| (this.v7 && [...this.byTable.values()].some(list => list.some((entry, index) => index > 0 && list[index - 1].length === entry.length && list[index - 1].range.low === entry.range.low)));
	}

	private bestIn(table: string, address: number, allowed: (entry: RouteEntry) => boolean): RouteEntry | undefined {
		for (const entry of this.byTable.get(table) ?? []) {
			if (address >= entry.range.low && address <= entry.range.high && allowed(entry)) return entry;
		}
		return undefined;
	}

	/** Path in one table; null for a blackhole hit, undefined when the table has no route. */
	private lookupIn(table: string, dst: number, hash: number): Path | null | undefined {
		const list = this.byTable.get(table);
		if (!list) return undefined;
		for (let index = 0; index < list.length; index++) {
			const entry = list[index];
			if (dst < entry.range.low || dst > entry.range.high) continue;
			if (entry.drop) return null;
			// Equal routes (v7 ECMP) sit next to each other: same prefix, same distance.
			let end = index + 1;
			while (end < list.length && list[end].length === entry.length && list[end].range.low === entry.range.low && list[end].distance === entry.distance) end++;
			if (end === index + 1) {
				const {paths: choices} = entry;
				return choices.length === 0 ? undefined : choices.length === 1 ? choices[0] : choices[hash % choices.length];
			}
			const choices = list.slice(index, end).flatMap(candidate => candidate.paths);
			return choices.length === 0 ? undefined : choices[hash % choices.length];
		}
		return undefined;
	}

	private pathFor(entry: RouteEntry, nexthop: Nexthop): Path {
		const key = `${entry.item?.id ?? 'c'}|${nexthop.interface}|${nexthop.key}`;
		let path = this.paths.get(key);
		if (!path || path.route !== entry.item) {
			path = {key, interface: nexthop.interface, gateway: nexthop.key, route: entry.item};
			this.paths.set(key, path);
		}
		return path;
	}

	private readRules(): PolicyRule[] {
		const path = this.v7 ? paths.routingRule : paths.routeRuleV6;
		return this.router.table(path).items
			.filter(item => item.fields.disabled !== 'true')
			.map(item => ({
				src: item.fields['src-address'] ? parseIpRange(item.fields['src-address']) : undefined,
				dst: item.fields['dst-address'] ? parseIpRange(item.fields['dst-address']) : undefined,
				mark: item.fields['routing-mark'] || undefined,
				interface: item.fields.interface || undefined,
				action: item.fields.action ?? 'lookup',
				table: item.fields.table ?? 'main',
			}));
	}

	private writeFlags(): void {
		const table = this.router.table(paths.route);
		this.writing = true;
		try {
			for (const item of table.items) {
				const entry = this.entries.find(candidate => candidate.item === item);
				const changes: Fields = {};
				const want = (name: string, value: string | undefined) => {
					if (value === undefined) {
						if (item.fields[name] !== undefined) changes[name] = '';
					} else if (item.fields[name] !== value) changes[name] = value;
				};
				const disabled = item.fields.disabled === 'true';
				want('active', String(!disabled && entry?.active === true));
				if (this.v7) {
					want('inactive', String(!disabled && entry?.usable !== true));
					want('immediate-gw', entry?.nexthops[0]?.immediate);
					want('ecmp', String(entry?.active === true && this.byTable.get(entry.table)!.filter(other => other.range.low === entry.range.low && other.length === entry.length).length > 1));
				} else if (!entry?.drop) {
					want('gateway-status', disabled ? undefined : this.gatewayStatus(entry));
				}
				if (Object.keys(changes).length > 0) table.set(item.id, changes);
			}
		} finally {
			this.writing = false;
		}
	}

	private gatewayStatus(entry: RouteEntry | undefined): string | undefined {
		if (!entry) return undefined;
		return entry.gateways.map(gateway => {
			const nexthop = entry.nexthops.find(candidate => candidate.probeKeys[0] === gateway.text || candidate.key === gateway.text);
			return nexthop && !(entry.item && this.failed.has(entry.item)) ? nexthop.status : `${gateway.text} unreachable`;
		}).join(',');
	}
}
