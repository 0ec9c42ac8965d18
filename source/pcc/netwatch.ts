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

export function netwatchScripts(row: Row): string {
	return ['up-script', 'down-script', 'test-script'].map(name => row[name] ?? '').join('\n');
}

export function toProbe(row: Row): NetwatchProbe {
	const status = row.status === 'up' || row.status === 'down' ? row.status : 'unknown';
	const probe: NetwatchProbe = {host: row.host ?? '', status};
	if (row.since) probe.since = row.since;
	if (row.comment) probe.comment = row.comment;
	return probe;
}

/** A statement that removes connections found with no condition at all. */
export function flushesAllConnections(script: string): boolean {
	return script.split(/[;\n]/).some(statement => /connection/.test(statement) && /remove/.test(statement)
		&& /find(\s+where)?\s*\]/.test(statement) && !/connection-mark/.test(statement));
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
 * The enabled netwatch rows that watch each WAN: a script that acts on its marks or table,
 * a host route that pins the probe to it (or the probe host is its recursive gateway),
 * or a comment that names it.
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
		for (const target of targets) {
			const byScript = [target.name, target.routingMark, ...target.connectionMarks].some(identifier => mentions(scripts, identifier));
			const byRoute = target.gateways.includes(row.host) || config.routes.some(route => isEnabled(route)
				&& isHostRouteTo(valueOf(route, 'dst-address'), row.host!)
				&& routeGateways(route).some(gateway => target.gateways.includes(gateway.address)
					|| (target.interface !== null && gatewayInterface(config, gateway) === target.interface)));
			if (byScript || byRoute || named.has(target.name)) result.get(target.name)!.push(row);
		}
	}
	return result;
}
