import {matcherValue, type ReachedRule} from './chains.js';
import {
	markRoutes, pccGroup, pccRules, routingMarkFor, walkMangle,
	type MangleWalk, type MarkRoute, type PccGroup, type PccRule,
} from './groups.js';
import {interfaceListMembers} from './interfaces.js';
import {hasMainDefaultRoute, tableForMark} from './routes.js';
import {isEnabled, valueOf} from './rows.js';
import type {Row, RouterConfig} from './types.js';

/** A WAN before its routes are looked at: which marks and buckets lead to it. */
export interface WanSeed {
	/** Routing mark (v6) or table (v7); the connection mark when nothing routes it. */
	name: string;
	routingMark: string;
	table: string;
	/** Connection marks in the order found: LAN-side PCC first, then output, then inbound. */
	connectionMarks: string[];
	/** Main-group rules whose buckets lead here. */
	pccRules: PccRule[];
	remainders: number[];
	/** Enabled mark-connection rules for traffic that arrives on this WAN. */
	inbound: ReachedRule[];
	/**
	 * A drained WAN's disabled PCC mark-connection rules (only when it has no enabled one):
	 * they name the WAN and give the weight plan its own rule to clone; they claim no bucket.
	 */
	disabledPcc: Row[];
}

/** Everything the checks need, derived once from the configuration. */
export interface Analysis {
	config: RouterConfig;
	walk: MangleWalk;
	main: PccGroup | null;
	output: PccGroup | null;
	/** Every rule with a classifier, in any chain, grouped or not. */
	allPcc: PccRule[];
	markRoutes: MarkRoute[];
	/** Interfaces and interface lists the main group's rules take traffic from. */
	lan: {interfaces: Set<string>; lists: Set<string>};
	/** Mark-connection rules without a classifier that take traffic arriving from outside. */
	inbound: ReachedRule[];
	seeds: WanSeed[];
	fallbackMainRoute: boolean;
}

function lanSide(config: RouterConfig, group: PccGroup | null): Analysis['lan'] {
	const interfaces = new Set<string>();
	const lists = new Set<string>();
	for (const rule of group?.rules ?? []) {
		for (const place of rule.places) {
			const iface = matcherValue(place, 'in-interface');
			const list = matcherValue(place, 'in-interface-list');
			if (iface && !iface.startsWith('!')) interfaces.add(iface);
			if (list && !list.startsWith('!')) {
				lists.add(list);
				for (const member of interfaceListMembers(config, list)) interfaces.add(member);
			}
		}
	}
	for (const row of config.interfaces) if (row.type === 'bridge' && row.name) interfaces.add(row.name);
	return {interfaces, lists};
}

/** The interface that owns this address (`/ip address`), for rules keyed on a WAN's own address. */
export function addressOwner(config: RouterConfig, address: string | undefined): string | undefined {
	if (!address || address.startsWith('!')) return undefined;
	const bare = address.endsWith('/32') ? address.slice(0, -3) : address;
	return config.addresses.find(row => isEnabled(row) && row.address?.split('/')[0] === bare)?.interface;
}

/** Where a rule says its packets arrive: an in-interface (or list), or a WAN's own address. */
export function arrivalOf(config: RouterConfig, rule: ReachedRule): {iface?: string; list?: string} {
	const iface = matcherValue(rule, 'in-interface') ?? addressOwner(config, matcherValue(rule, 'dst-address'));
	const list = matcherValue(rule, 'in-interface-list');
	return {...(iface === undefined ? {} : {iface}), ...(list === undefined ? {} : {list})};
}

/**
 * Connection marking for traffic that arrives from outside: a mark-connection without a
 * classifier in prerouting, input or forward (port forwards) that keys on an in-interface
 * (or list) that is not the LAN side of the PCC rules, or on a WAN's own address. Pins
 * keyed on LAN addresses come in on the LAN and do not count.
 */
function inboundRules(config: RouterConfig, walk: MangleWalk, lan: Analysis['lan']): ReachedRule[] {
	const found = new Map<Row, ReachedRule>();
	for (const rule of [...walk.prerouting, ...walk.input, ...walk.forward]) {
		if (rule.row.action !== 'mark-connection' || valueOf(rule.row, 'per-connection-classifier') !== undefined) continue;
		if (!valueOf(rule.row, 'new-connection-mark') || found.has(rule.row)) continue;
		const {iface, list} = arrivalOf(config, rule);
		const fromOutside = (iface !== undefined && !iface.startsWith('!') && !lan.interfaces.has(iface))
			|| (list !== undefined && !list.startsWith('!') && !lan.lists.has(list));
		if (fromOutside) found.set(rule.row, rule);
	}
	return [...found.values()];
}

/** Disabled PCC mark-connection rules in prerouting or a chain prerouting jumps into. */
function disabledPcc(mangle: readonly Row[], walk: MangleWalk): Row[] {
	const chains = new Set(['prerouting', ...walk.prerouting.map(rule => rule.row.chain)]);
	return mangle.filter(row => !isEnabled(row) && row.action === 'mark-connection' && chains.has(row.chain ?? '')
		&& valueOf(row, 'per-connection-classifier') !== undefined && valueOf(row, 'new-connection-mark'));
}

export function analyse(config: RouterConfig): Analysis {
	const walk = walkMangle(config.mangle, {listMembers: list => interfaceListMembers(config, list)});
	const preroutingPcc = pccRules(walk.prerouting, 'prerouting');
	const outputPcc = pccRules(walk.output, 'output');
	const others = (['input', 'forward', 'postrouting'] as const).flatMap(entry => pccRules(walk[entry], entry));
	const main = pccGroup(preroutingPcc, 'prerouting');
	const output = pccGroup(outputPcc, 'output');
	const routes = markRoutes(walk);
	const lan = lanSide(config, main);
	const inbound = inboundRules(config, walk, lan);

	const seeds = new Map<string, WanSeed>();
	const seedFor = (routingMark: string, fallbackName: string): WanSeed => {
		const table = routingMark ? tableForMark(config, routingMark) : '';
		const name = routingMark ? (config.routeros === 7 ? table : routingMark) : fallbackName;
		let seed = seeds.get(name);
		if (!seed) {
			seed = {name, routingMark, table, connectionMarks: [], pccRules: [], remainders: [], inbound: [], disabledPcc: []};
			seeds.set(name, seed);
		}
		return seed;
	};
	const addMark = (seed: WanSeed, mark: string): void => {
		if (mark && !seed.connectionMarks.includes(mark)) seed.connectionMarks.push(mark);
	};
	/** A classifier rule's mark is a connection mark unless it marks routing directly. */
	const seedOfPcc = (rule: PccRule): WanSeed => rule.action === 'mark-routing'
		? seedFor(rule.mark, rule.mark)
		: seedFor(routingMarkFor(routes, rule.mark) ?? '', rule.mark);

	for (const rule of main?.rules ?? []) {
		if (!rule.mark) continue;
		const seed = seedOfPcc(rule);
		if (rule.action === 'mark-connection') addMark(seed, rule.mark);
		seed.pccRules.push(rule);
		for (const remainder of rule.claims) if (!seed.remainders.includes(remainder)) seed.remainders.push(remainder);
	}
	// A WAN whose PCC rules are all disabled (drained by a weight of 0, or by hand during ISP
	// maintenance) is still routed and still carries its connections: it stays a WAN at 0%.
	// Its disabled rules only identify it; buckets and every check still come from enabled rules.
	for (const row of disabledPcc(config.mangle, walk)) {
		const mark = valueOf(row, 'new-connection-mark')!;
		const routingMark = routingMarkFor(routes, mark);
		if (!routingMark) continue;
		const seed = seedFor(routingMark, mark);
		if (seed.pccRules.length > 0) continue;
		addMark(seed, mark);
		seed.disabledPcc.push(row);
	}
	for (const rule of output?.rules ?? []) {
		if (!rule.mark) continue;
		const seed = seedOfPcc(rule);
		if (rule.action === 'mark-connection') addMark(seed, rule.mark);
	}
	for (const rule of inbound) {
		const mark = valueOf(rule.row, 'new-connection-mark')!;
		const routingMark = routingMarkFor(routes, mark);
		// An inbound mark nothing routes does not pin replies anywhere, so it names no WAN.
		if (!routingMark) continue;
		const seed = seedFor(routingMark, mark);
		addMark(seed, mark);
		seed.inbound.push(rule);
	}
	for (const seed of seeds.values()) seed.remainders.sort((a, b) => a - b);

	return {
		config,
		walk,
		main,
		output,
		allPcc: [...preroutingPcc, ...outputPcc, ...others],
		markRoutes: routes,
		lan,
		inbound,
		seeds: [...seeds.values()],
		fallbackMainRoute: hasMainDefaultRoute(config),
	};
}
