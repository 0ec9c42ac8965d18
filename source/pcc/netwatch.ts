import {isHostRouteTo} from './addresses.js';
import {connectedInterface} from './interfaces.js';
import {distinctiveWords, mentions, wansNamedIn} from './names.js';
import {gatewayInterface, routeGateways, routeTable} from './routes.js';
import {isEnabled, valueOf} from './rows.js';
import type {NetwatchProbe, Row, RouterConfig} from './types.js';

/** What ties a WAN to its probes: its marks and names, gateways and interface. */
export interface ProbeTarget {
	name: string;
	routingMark: string;
	connectionMarks: readonly string[];
	gateways: readonly string[];
	interface: string | null;
}

export const netwatchScriptFields = ['up-script', 'down-script', 'test-script'] as const;

export function netwatchScripts(row: Row): string {
	return netwatchScriptFields.map(name => row[name] ?? '').join('\n');
}

export function toProbe(row: Row): NetwatchProbe {
	const status = row.status === 'up' || row.status === 'down' ? row.status : 'unknown';
	const probe: NetwatchProbe = {host: row.host ?? '', status};
	if (row.since) probe.since = row.since;
	if (row.comment) probe.comment = row.comment;
	return probe;
}

/** Whether a host route for the probe sends it out through this WAN. */
export function probePinnedTo(config: RouterConfig, host: string, target: ProbeTarget, table = 'main'): boolean {
	if (target.gateways.includes(host)) return true;
	if (target.interface && connectedInterface(config, host) === target.interface) return true;
	return config.routes.some(row => isEnabled(row) && routeTable(config, row) === table
		&& isHostRouteTo(valueOf(row, 'dst-address'), host)
		&& routeGateways(row).some(gateway => target.gateways.includes(gateway.address)
			|| (target.interface !== null && gatewayInterface(config, gateway) === target.interface)));
}

/**
 * The enabled netwatch rows that watch each WAN. A row is for the WAN its scripts act on
 * (marks or table), else the one its comment names, else the one a host route pins it to
 * (or whose recursive gateway it is). When its scripts name several WANs (a failover script
 * that moves traffic from one to another), the comment and then the route decide among them,
 * so one probe is not counted as two WANs' probe.
 */
export function probesByWan(config: RouterConfig, targets: readonly ProbeTarget[]): Map<string, Row[]> {
	const words = distinctiveWords(targets.map(target => ({
		name: target.name,
		identifiers: [target.name, target.routingMark, ...target.connectionMarks, ...(target.interface ? [target.interface] : [])],
	})));
	const result = new Map<string, Row[]>(targets.map(target => [target.name, []]));
	for (const row of config.netwatch) {
		if (!isEnabled(row) || !row.host) continue;
		const scripts = netwatchScripts(row);
		const named = wansNamedIn(row.comment, words);
		const byRoute = targets.filter(target => target.gateways.includes(row.host!) || config.routes.some(route => isEnabled(route)
			&& isHostRouteTo(valueOf(route, 'dst-address'), row.host!)
			&& routeGateways(route).some(gateway => target.gateways.includes(gateway.address)
				|| (target.interface !== null && gatewayInterface(config, gateway) === target.interface))));
		const byScript = targets.filter(target => [target.name, target.routingMark, ...target.connectionMarks].some(identifier => mentions(scripts, identifier)));
		const byComment = targets.filter(target => named.has(target.name));
		let owners = [byScript, byComment, byRoute].find(found => found.length > 0) ?? [];
		for (const narrower of [byComment, byRoute]) {
			const both = owners.filter(target => narrower.includes(target));
			if (owners.length > 1 && both.length > 0) owners = both;
		}
		for (const target of owners) result.get(target.name)!.push(row);
	}
	return result;
}
