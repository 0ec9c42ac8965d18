import {walkChain, type ReachedRule} from './chains.js';
import type {Analysis, WanSeed} from './analysis.js';
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
 * The interface a WAN leaves by. Route by route, least distance first: what the router
 * reports for it, its gateway (interface gateway, connected network, recursive host route),
 * a DHCP client whose script rewrites it. Then a DHCP client that installs into the WAN's
 * table, a srcnat rule tied to the WAN's marks, and last the interface its inbound marking
 * keys on.
 */
function egressInterface(config: RouterConfig, seed: WanSeed, routes: readonly Row[]): string | null {
	const clients = config.dhcpClients.filter(isEnabled);
	for (const route of routes) {
		const reported = reportedInterface(route);
		if (reported) return reported;
		for (const gateway of routeGateways(route)) {
			const found = gatewayInterface(config, gateway);
			if (found) return found;
		}
		const rewriting = clients.find(client => client.script !== undefined && setsGatewayOf(config, client.script, route));
		if (rewriting?.interface) return rewriting.interface;
	}
	const installing = dhcpClientsForTable(config, seed.table)[0];
	if (installing?.interface) return installing.interface;
	const nat = config.nat.find(row => isEnabled(row) && row.chain === 'srcnat' && valueOf(row, 'out-interface')
		&& ((seed.routingMark !== '' && row['routing-mark'] === seed.routingMark)
			|| seed.connectionMarks.includes(row['connection-mark'] ?? '')));
	if (nat) return valueOf(nat, 'out-interface')!;
	const inbound = seed.inbound.map(rule => valueOf(rule.row, 'in-interface')).find(Boolean);
	return inbound ?? null;
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
		return {seed, routes, gateways: uniqueGateways(routes), iface: egressInterface(config, seed, routes)};
	});
	const probes = probesByWan(config, partial.map(({seed, gateways, iface}) => ({
		name: seed.name, routingMark: seed.routingMark, connectionMarks: seed.connectionMarks, gateways, interface: iface,
	})));
	return partial.map(({seed, routes, gateways, iface}) => {
		const [connectionMark = '', ...otherConnectionMarks] = seed.connectionMarks;
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
		return {wan, seed, routes};
	});
}
