import type {RouteState} from '../pcc/types.js';
import {counterDelta} from './rates.js';
import type {MonitorEvent, Snapshot} from './types.js';
import type {WanView} from './wans.js';

/** A snapshot with the WAN views derived from it: what events compare. */
export interface Observed {
	snapshot: Snapshot;
	wans: WanView[];
}

/** A jump smaller than this many connections is ordinary churn. */
const jumpMinimum = 50;
/** ...and so is one smaller than this fraction of the previous count. */
const jumpFraction = 0.25;

function routeLabel(route: RouteState): string {
	return `route ${route.table} ${route.dstAddress} via ${route.gateway}`;
}

function wanEvents(at: number, before: WanView, after: WanView): MonitorEvent[] {
	const events: MonitorEvent[] = [];
	if (before.state !== after.state) {
		events.push(
			after.state === 'down'
				? {at, kind: 'wan', severity: 'error', text: `${after.name} DOWN: no active default route${after.stuck > 0 ? `, ${after.stuck} connections carry its mark` : ''}`}
				: {at, kind: 'wan', severity: 'good', text: `${after.name} up again`},
		);
	}
	const change = after.connections - before.connections;
	if (Math.abs(change) >= jumpMinimum && Math.abs(change) >= jumpFraction * before.connections) {
		const sign = change > 0 ? '+' : '−';
		events.push({
			at,
			kind: 'connections',
			severity: 'warning',
			text: `${after.name} connections ${before.connections} → ${after.connections} (${sign}${Math.abs(change)})`,
		});
	}
	return events;
}

function routeEvents(at: number, before: RouteState[], after: RouteState[]): MonitorEvent[] {
	const previous = new Map(before.map(route => [route.id, route]));
	const events: MonitorEvent[] = [];
	for (const route of after) {
		const old = previous.get(route.id);
		if (!old) continue;
		if (old.active !== route.active) {
			events.push({
				at,
				kind: 'route',
				severity: route.active ? 'good' : 'error',
				text: `${routeLabel(route)} ${route.active ? 'active' : 'inactive'}`,
			});
		}
		const wasReachable = old.gatewayStatus === undefined ? undefined : !/\bunreachable\b/.test(old.gatewayStatus);
		const isReachable = route.gatewayStatus === undefined ? undefined : !/\bunreachable\b/.test(route.gatewayStatus);
		if (wasReachable !== undefined && isReachable !== undefined && wasReachable !== isReachable) {
			events.push({
				at,
				kind: 'gateway',
				severity: isReachable ? 'good' : 'error',
				text: `gateway ${route.gateway} (${route.table}) ${isReachable ? 'reachable' : 'unreachable'}`,
			});
		}
	}
	return events;
}

function counterResets(before: Snapshot, after: Snapshot): MonitorEvent[] {
	const rules = new Map(before.mangle.map(rule => [rule.id, rule]));
	const resetRules = after.mangle
		.filter(rule => {
			const old = rules.get(rule.id);
			return old !== undefined && counterDelta(old.packets, rule.packets) === null;
		})
		.map(rule => rule.id);
	const ifaces = new Map(before.interfaces.map(iface => [iface.name, iface]));
	const resetIfaces = after.interfaces
		.filter(iface => {
			const old = ifaces.get(iface.name);
			return old !== undefined && (counterDelta(old.rxBytes, iface.rxBytes) === null || counterDelta(old.txBytes, iface.txBytes) === null);
		})
		.map(iface => iface.name);
	const events: MonitorEvent[] = [];
	if (resetRules.length > 0) {
		events.push({at: after.at, kind: 'counter-reset', severity: 'info', text: `mangle counters reset: ${resetRules.join(' ')} (rates skip one poll)`});
	}
	if (resetIfaces.length > 0) {
		events.push({at: after.at, kind: 'counter-reset', severity: 'info', text: `interface counters reset: ${resetIfaces.join(' ')} (rates skip one poll)`});
	}
	return events;
}

/** Everything a user would want told about between two consecutive polls. */
export function diffObserved(before: Observed, after: Observed): MonitorEvent[] {
	const at = after.snapshot.at;
	const events: MonitorEvent[] = [];
	if (after.snapshot.configChanged) {
		events.push({at, kind: 'config', severity: 'info', text: `configuration changed: ${after.wans.length} WANs now`});
	}
	const previous = new Map(before.wans.map(wan => [wan.name, wan]));
	for (const wan of after.wans) {
		const old = previous.get(wan.name);
		if (old) events.push(...wanEvents(at, old, wan));
	}
	events.push(...routeEvents(at, before.snapshot.routes, after.snapshot.routes));
	const probes = new Map(before.snapshot.netwatch.map(probe => [probe.host, probe]));
	for (const probe of after.snapshot.netwatch) {
		const old = probes.get(probe.host);
		if (old && old.status !== probe.status) {
			events.push({
				at,
				kind: 'netwatch',
				severity: probe.status === 'up' ? 'good' : probe.status === 'down' ? 'error' : 'info',
				text: `netwatch ${probe.host} ${probe.status}`,
			});
		}
	}
	events.push(...counterResets(before.snapshot, after.snapshot));
	return events;
}
