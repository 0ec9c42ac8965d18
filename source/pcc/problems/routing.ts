import type {Analysis} from '../analysis.js';
import {mangleEntries} from '../groups.js';
import {
	defaultRoutes, dhcpClientsForTable, isAddressGateway, routeGateways, routeTable, tableForMark,
} from '../routes.js';
import {isEnabled, isYes, valueOf} from '../rows.js';
import type {Problem} from '../types.js';
import {runningScripts, setsGatewayOf} from '../scripts.js';
import type {WanDetail} from '../wans.js';
import {problem} from './problem.js';

/** Routing marks set by reached mark-routing rules, in rule order. */
function usedRoutingMarks(analysis: Analysis): string[] {
	const marks: string[] = [];
	for (const entry of mangleEntries) {
		for (const {row} of analysis.walk[entry]) {
			const mark = valueOf(row, 'new-routing-mark');
			if (row.action === 'mark-routing' && mark && mark !== 'main' && !marks.includes(mark)) marks.push(mark);
		}
	}
	return marks;
}

function tableExists(analysis: Analysis, table: string): boolean {
	return table === 'main' || analysis.config.routingTables.some(row => row.name === table);
}

export function routingMarkRoutes(analysis: Analysis): Problem[] {
	const {config} = analysis;
	const problems: Problem[] = [];
	for (const mark of usedRoutingMarks(analysis)) {
		const table = tableForMark(config, mark);
		if (config.routeros === 7 && !tableExists(analysis, table)) {
			const near = config.routingTables.find(row => row.name?.toLowerCase() === table.toLowerCase())?.name;
			const hint = near ? ` (there is "${near}"; names are case-sensitive)` : '';
			problems.push(problem('routing-table-missing', mark, 'error',
				`mark-routing names table ${table}, which /routing/table lacks${hint}; add it with /routing/table add name=${table} fib, or fix the mark`));
			continue;
		}
		if (defaultRoutes(config, table).length === 0 && dhcpClientsForTable(config, table).length === 0) {
			const field = config.routeros === 7 ? 'routing-table' : 'routing-mark';
			problems.push(problem('no-route-for-routing-mark', mark, 'error',
				`traffic marked ${mark} has no default route in table ${table}, so it is dropped or falls through; add /ip/route dst-address=0.0.0.0/0 gateway=... ${field}=${table}`));
		}
	}
	return problems;
}

export function unusedTables(analysis: Analysis): Problem[] {
	const {config} = analysis;
	if (config.routeros !== 7) return [];
	const used = new Set(usedRoutingMarks(analysis).map(mark => tableForMark(config, mark)));
	for (const row of config.routingRules) if (isEnabled(row) && row.table) used.add(row.table);
	const holding = new Set(config.routes.filter(isEnabled).map(row => routeTable(config, row)));
	return [...holding].filter(table => table !== 'main' && !used.has(table)).map(table =>
		problem('unused-routing-table', table, 'warning',
			`table ${table} holds routes but no enabled mark-routing or routing rule uses it; mark traffic into it or remove its routes`));
}

export function unroutedMarks(analysis: Analysis): Problem[] {
	const marks = new Set((analysis.main?.rules ?? []).filter(rule => rule.action === 'mark-connection' && rule.mark).map(rule => rule.mark));
	return [...marks]
		.filter(mark => !analysis.markRoutes.some(route => route.entry === 'prerouting' && route.connectionMark === mark))
		.map(mark => problem('connection-mark-without-routing', mark, 'error',
			`nothing in prerouting turns connection mark ${mark} into a routing mark, so that traffic still uses table main; add action=mark-routing connection-mark=${mark} new-routing-mark=... in prerouting`));
}

export function mismatchedRouting(analysis: Analysis): Problem[] {
	const tables = new Map<string, Map<string, string>>();
	for (const route of analysis.markRoutes) {
		const byTable = tables.get(route.connectionMark) ?? new Map<string, string>();
		const table = tableForMark(analysis.config, route.routingMark);
		if (!byTable.has(table)) byTable.set(table, `${route.routingMark} (${route.entry})`);
		tables.set(route.connectionMark, byTable);
	}
	return [...tables].filter(([, byTable]) => byTable.size > 1).map(([mark, byTable]) =>
		problem('routing-mark-mismatch', mark, 'error',
			`connection mark ${mark} is routed as ${[...byTable.values()].join(' and ')}, so its packets leave by different WANs; use one routing mark for it everywhere`));
}

export function missingCheckGateway(wans: readonly WanDetail[]): Problem[] {
	return wans.flatMap(({wan, routes}) => {
		const first = routes[0];
		if (!first || valueOf(first, 'check-gateway')) return [];
		const gateway = routeGateways(first)[0];
		if (!gateway || gateway.via || !isAddressGateway(gateway.address)) return [];
		return [problem('no-check-gateway', wan.name, 'warning',
			`the default route of ${wan.name} via ${gateway.address} has no check-gateway, so it stays active when the uplink dies; set check-gateway=ping on it`)];
	});
}

export function missingMainRoute(analysis: Analysis, wans: readonly WanDetail[]): Problem[] {
	if (analysis.fallbackMainRoute || wans.length === 0) return [];
	return [problem('no-main-default-route', '', 'error',
		'table main has no default route, so unmarked and router-originated traffic has no way out; add /ip/route dst-address=0.0.0.0/0 gateway=... (one per WAN, by distance)')];
}

export function staticGatewayOnDhcp(analysis: Analysis, wans: readonly WanDetail[]): Problem[] {
	const {config} = analysis;
	return wans.flatMap(({wan, seed, routes}) => {
		const client = config.dhcpClients.find(row => isEnabled(row) && row.interface === wan.interface);
		if (!client || dhcpClientsForTable(config, seed.table).length > 0) return [];
		const scripts = runningScripts(config);
		const stale = routes.find(route => !isYes(route.dynamic)
			&& routeGateways(route).some(gateway => !gateway.via && isAddressGateway(gateway.address))
			&& !scripts.some(script => setsGatewayOf(config, script.source, route)));
		if (!stale) return [];
		return [problem('static-gateway-on-dhcp-wan', wan.name, 'warning',
			`${wan.name} gets its address by DHCP on ${client.interface} but its marked route has the fixed gateway ${routeGateways(stale)[0].address}, which no script keeps current; give the route a comment and have the DHCP client script set its gateway on bound`)];
	});
}

/** A table whose default route leaves by another WAN's uplink: the tables look crossed. */
export function crossedGateways(wans: readonly WanDetail[]): Problem[] {
	return wans.flatMap(({wan, crossed}) => crossed ? [problem('gateway-on-other-wan', wan.name, 'error',
		`${wan.name}'s default route via ${wan.gateways[0] ?? '?'} leaves by ${wan.interface}, ${crossed.other}'s uplink, while connections arriving on ${crossed.inbound} are marked for ${wan.name}; the tables look crossed, so give ${wan.name}'s routes the gateway on ${crossed.inbound}`)] : []);
}
