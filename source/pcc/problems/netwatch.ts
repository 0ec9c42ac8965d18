import type {Analysis} from '../analysis.js';
import {flushesAllConnections, netwatchScripts, probePinnedTo} from '../netwatch.js';
import {isEnabled} from '../rows.js';
import type {Problem} from '../types.js';
import type {WanDetail} from '../wans.js';
import {problem} from './problem.js';

export function flushAll(analysis: Analysis): Problem[] {
	return analysis.config.netwatch
		.filter(row => isEnabled(row) && row.host && flushesAllConnections(netwatchScripts(row)))
		.map(row => problem('netwatch-flushes-all-connections', row.host!, 'warning',
			`the netwatch script for ${row.host} removes every connection, not one WAN's, dropping healthy WANs' sessions too; remove only [find connection-mark=...] of the WAN that failed`));
}

export function unpinnedProbes(analysis: Analysis, wans: readonly WanDetail[]): Problem[] {
	return wans.flatMap(({wan}) => wan.netwatch
		.filter(probe => !probePinnedTo(analysis.config, probe.host, {
			name: wan.name, routingMark: wan.routingMark, connectionMarks: [wan.connectionMark], gateways: wan.gateways, interface: wan.interface,
		}))
		.map(probe => problem('netwatch-probe-unpinned', probe.host, 'warning',
			`netwatch probe ${probe.host} for ${wan.name} has no host route in main towards ${wan.gateways[0] ?? wan.name}, so it follows main's default route and tests the wrong uplink; add /ip/route dst-address=${probe.host}/32 gateway=${wan.gateways[0] ?? '...'} scope=10`)));
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
