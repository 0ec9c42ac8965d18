import type {Analysis} from '../analysis.js';
import {netwatchScriptFields, probePinnedTo} from '../netwatch.js';
import {flushesAllConnections} from '../scripts.js';
import {isHostRouteTo, prefixContains} from '../addresses.js';
import {matcherValue} from '../chains.js';
import {routeTable, tableForMark} from '../routes.js';
import {isEnabled, valueOf} from '../rows.js';
import type {Problem} from '../types.js';
import type {WanDetail} from '../wans.js';
import {problem} from './problem.js';

export function flushAll(analysis: Analysis): Problem[] {
	return analysis.config.netwatch
		.filter(row => isEnabled(row) && row.host && netwatchScriptFields.some(name => flushesAllConnections(row[name] ?? '')))
		.map(row => problem('netwatch-flushes-all-connections', row.host!, 'warning',
			`the netwatch script for ${row.host} removes every connection, not one WAN's, dropping healthy WANs' sessions too; remove only [find connection-mark=...] of the WAN that failed`));
}

/**
 * The table router-originated packets to `host` are looked up in: one an output-chain
 * mark-routing rule or a /routing rule picks for that destination, else main.
 */
function probeTable(analysis: Analysis, host: string): string {
	const {config} = analysis;
	const marked = analysis.walk.output.find(rule => rule.row.action === 'mark-routing' && !rule.shadowedBy
		&& valueOf(rule.row, 'new-routing-mark') && matcherValue(rule, 'connection-mark') === undefined
		&& prefixContains(matcherValue(rule, 'dst-address') ?? '', host));
	if (marked) return tableForMark(config, valueOf(marked.row, 'new-routing-mark')!);
	const rule = config.routingRules.find(row => isEnabled(row) && row.table && !row['routing-mark'] && !row['src-address']
		&& (row.action ?? 'lookup').startsWith('lookup') && prefixContains(row['dst-address'] ?? '', host));
	return rule?.table ?? 'main';
}

export function unpinnedProbes(analysis: Analysis, wans: readonly WanDetail[]): Problem[] {
	const {config} = analysis;
	return wans.flatMap(({wan}) => wan.netwatch
		.filter(probe => {
			const table = probeTable(analysis, probe.host);
			if (table !== 'main' && table === wan.table) return false;
			return !probePinnedTo(config, probe.host, {
				name: wan.name, routingMark: wan.routingMark, connectionMarks: [wan.connectionMark], gateways: wan.gateways, interface: wan.interface,
			}, table);
		})
		.map(probe => {
			const elsewhere = config.routes.filter(route => isEnabled(route) && routeTable(config, route) !== 'main'
				&& isHostRouteTo(valueOf(route, 'dst-address'), probe.host)).map(route => routeTable(config, route));
			const where = elsewhere.length > 0
				? `its host route is only in table ${[...new Set(elsewhere)].join(', ')}, which the router's own probes do not use`
				: 'it has no host route towards it';
			return problem('netwatch-probe-unpinned', probe.host, 'warning',
				`netwatch probe ${probe.host} for ${wan.name} follows main's default route (${where}), so it tests the wrong uplink; add /ip/route dst-address=${probe.host}/32 gateway=${wan.gateways[0] ?? '...'} scope=10 in main`);
		}));
}

export function sharedProbes(wans: readonly WanDetail[]): Problem[] {
	const owners = new Map<string, string[]>();
	for (const {wan} of wans) {
		for (const probe of wan.netwatch) {
			const list = owners.get(probe.host) ?? [];
			if (!list.includes(wan.name)) list.push(wan.name);
			owners.set(probe.host, list);
		}
	}
	return [...owners].filter(([, names]) => names.length > 1).map(([host, names]) =>
		problem('duplicate-probe-host', host, 'warning',
			`${names.join(' and ')} both probe ${host}, so one route decides both results; give each WAN its own probe host pinned by a host route via its gateway`));
}
