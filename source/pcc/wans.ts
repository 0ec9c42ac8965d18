import {walkChain, type ReachedRule} from './chains.js';
import {arrivalOf, type Analysis, type WanSeed} from './analysis.js';
import {interfaceMatches} from './interfaces.js';
import {probesByWan, toProbe} from './netwatch.js';
import {setsGatewayOf} from './scripts.js';
import {defaultRoutes, dhcpClientsForTable, gatewayInterface, reportedInterface, routeGateways} from './routes.js';
import {idOf, isEnabled, valueOf} from './rows.js';
import type {Row, RouterConfig, Wan} from './types.js';

/** A WAN with the rows it was derived from, for the checks. */
export interface WanDetail {
	wan: Wan;
	seed: WanSeed;
	/** Its enabled default routes, least distance first. */
	routes: Row[];
	/** Its route leaves by `other`'s uplink although its inbound marking keys on `inbound`. */
	crossed?: {other: string; inbound: string};
}

export function roundShare(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}

function uniqueGateways(routes: readonly Row[]): string[] {
	const gateways: string[] = [];
	for (const route of routes) {
		for (const {address} of routeGateways(route)) if (!gateways.includes(address)) gateways.push(address);
	}
	return gateways;
}

/**
 * The interface its routes leave by, route by route, least distance first: what the router
 * reports, what the gateway resolves to (interface gateway, connected network, recursive
 * host route), or the DHCP client whose script rewrites that route's gateway.
 */
function routeInterface(config: RouterConfig, routes: readonly Row[]): string | undefined {
	const clients = config.dhcpClients.filter(isEnabled);
	for (const route of routes) {
		const reported = reportedInterface(route);
		if (reported) return reported;
		for (const gateway of routeGateways(route)) {
			const found = gatewayInterface(config, gateway);
			if (found) return found;
		}
		const rewriting = clients.find(client => client.interface && client.script !== undefined && setsGatewayOf(config, client.script, route));
		if (rewriting) return rewriting.interface;
	}
	return undefined;
}

/** The interface its inbound marking keys on (in-interface, or the interface of its address). */
function inboundInterface(config: RouterConfig, seed: WanSeed): string | undefined {
	return seed.inbound.map(rule => arrivalOf(config, rule).iface).find(iface => iface !== undefined && !iface.startsWith('!'));
}

/**
 * The interface a WAN leaves by, when its routes cannot tell (a DHCP, PPPoE or LTE uplink
 * whose gateway is not in the configuration): a DHCP client that installs into its table, a
 * srcnat rule tied to its marks, and last the interface its inbound marking keys on.
 */
function fallbackInterface(config: RouterConfig, seed: WanSeed): string | null {
	const installing = dhcpClientsForTable(config, seed.table)[0];
	if (installing?.interface) return installing.interface;
	const nat = config.nat.find(row => isEnabled(row) && row.chain === 'srcnat' && valueOf(row, 'out-interface')
		&& ((seed.routingMark !== '' && row['routing-mark'] === seed.routingMark)
			|| seed.connectionMarks.includes(row['connection-mark'] ?? '')));
	if (nat) return valueOf(nat, 'out-interface')!;
	return inboundInterface(config, seed) ?? null;
}

/**
 * The connection mark its LAN-side PCC rules set: '' when they mark routing directly. A WAN
 * without LAN-side PCC rules (only inbound or output marks lead to it) goes by its first mark.
 */
function lanSideMark(seed: WanSeed): string {
	const lanSide = [...seed.pccRules.filter(rule => rule.action === 'mark-connection').map(rule => rule.mark),
		...seed.disabledPcc.map(row => valueOf(row, 'new-connection-mark') ?? '')].find(mark => mark !== '');
	if (lanSide) return lanSide;
	return seed.pccRules.length > 0 ? '' : seed.connectionMarks[0] ?? '';
}

function masqueradeRules(config: RouterConfig): ReachedRule[] {
	return walkChain(config.nat, 'srcnat').filter(rule => rule.row.action === 'masquerade' || rule.row.action === 'src-nat');
}

/** Whether some reached srcnat masquerade / src-nat can take traffic leaving by this interface. */
function masqueradeCovers(config: RouterConfig, rules: readonly ReachedRule[], iface: string | null): boolean {
	return rules.some(rule => {
		const out = valueOf(rule.row, 'out-interface');
		const list = valueOf(rule.row, 'out-interface-list');
		if (iface === null) return out === undefined && list === undefined;
		return interfaceMatches(config, iface, out, list);
	});
}

export function buildWans(analysis: Analysis): WanDetail[] {
	const {config} = analysis;
	const denominator = analysis.main?.denominator ?? 0;
	const masquerades = masqueradeRules(config);
	const partial = analysis.seeds.map(seed => {
		const routes = seed.table ? defaultRoutes(config, seed.table) : [];
		const viaRoutes = routeInterface(config, routes);
		return {seed, routes, gateways: uniqueGateways(routes), iface: viaRoutes ?? fallbackInterface(config, seed), viaRoutes, inbound: inboundInterface(config, seed)};
	});
	// Its route leaves by the interface another WAN's inbound marking keys on, while its own
	// inbound marking names a different one: the tables look crossed. Reported, not guessed at.
	const crossedWith = (item: (typeof partial)[number]): string | undefined => item.viaRoutes && item.inbound && item.viaRoutes !== item.inbound
		? partial.find(other => other !== item && other.inbound === item.viaRoutes)?.seed.name
		: undefined;
	const probes = probesByWan(config, partial.map(({seed, gateways, iface}) => ({
		name: seed.name, routingMark: seed.routingMark, connectionMarks: seed.connectionMarks, gateways, interface: iface,
	})));
	return partial.map(item => {
		const {seed, routes, gateways, iface} = item;
		const connectionMark = lanSideMark(seed);
		const otherConnectionMarks = seed.connectionMarks.filter(mark => mark !== connectionMark);
		const wan: Wan = {
			name: seed.name,
			connectionMark,
			otherConnectionMarks,
			routingMark: seed.routingMark,
			table: seed.table,
			remainders: seed.remainders,
			share: denominator > 0 ? roundShare(seed.remainders.length / denominator) : 0,
			gateways,
			checkGateway: routes[0] ? valueOf(routes[0], 'check-gateway') ?? null : null,
			interface: iface,
			netwatch: (probes.get(seed.name) ?? []).map(toProbe),
			masquerade: masqueradeCovers(config, masquerades, iface),
			pccRuleIds: [...seed.pccRules.map(rule => rule.row), ...seed.disabledPcc].map(idOf).filter(id => id !== ''),
		};
		const other = crossedWith(item);
		return {wan, seed, routes, ...(other === undefined ? {} : {crossed: {other, inbound: item.inbound!}})};
	});
}
