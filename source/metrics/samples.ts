import type {MonitorState} from '../monitor/state.js';
import type {Snapshot} from '../monitor/types.js';
import type {Wan} from '../pcc/types.js';
import {snapshotDocument} from '../ui/snapshot-report.js';

export type MetricType = 'gauge' | 'counter';

export interface MetricSpec {
	name: string;
	type: MetricType;
	help: string;
	labels: readonly string[];
}

const wanLabels = ['router', 'wan'] as const;
const markLabels = ['router', 'wan', 'mark'] as const;

/** Every metric pccmon exports, in the order a scrape lists them. */
export const metricSpecs = [
	{name: 'pccmon_up', type: 'gauge', help: '1 while pccmon is logged in to the router and its last poll succeeded, else 0', labels: ['router']},
	{name: 'pccmon_poll_duration_seconds', type: 'gauge', help: 'How long the last poll took, configuration re-read and counts included', labels: ['router']},
	{name: 'pccmon_router_rtt_seconds', type: 'gauge', help: 'Round trip of the last poll\'s pipelined reads', labels: ['router']},
	{name: 'pccmon_wan_connections', type: 'gauge', help: 'Connections carrying the WAN\'s connection marks', labels: markLabels},
	{name: 'pccmon_wan_stuck_connections', type: 'gauge', help: 'Connections still carrying the WAN\'s marks while its route is down (an upper bound on those stuck)', labels: markLabels},
	{name: 'pccmon_wan_share_configured_ratio', type: 'gauge', help: 'Share of new connections the WAN\'s PCC buckets promise, 0 to 1', labels: wanLabels},
	{name: 'pccmon_wan_share_actual_ratio', type: 'gauge', help: 'The WAN\'s share of all connections the WANs\' marks carry, 0 to 1', labels: wanLabels},
	{name: 'pccmon_wan_new_connections_total', type: 'counter', help: 'New connections the WAN\'s PCC rules marked (their packet counters); resets when the router reboots', labels: wanLabels},
	{name: 'pccmon_wan_rx_bytes_total', type: 'counter', help: 'Bytes received on the WAN\'s interface (its rx-byte counter)', labels: wanLabels},
	{name: 'pccmon_wan_tx_bytes_total', type: 'counter', help: 'Bytes sent on the WAN\'s interface (its tx-byte counter)', labels: wanLabels},
	{name: 'pccmon_wan_route_active', type: 'gauge', help: '1 while the WAN\'s default route is active, else 0', labels: wanLabels},
	{name: 'pccmon_wan_gateway_reachable', type: 'gauge', help: '1 while the WAN\'s gateway answers its check, 0 when it does not; absent when unknown', labels: wanLabels},
	{name: 'pccmon_wan_netwatch_up', type: 'gauge', help: '1 while every netwatch probe of the WAN is up, 0 when one is down; absent without probes', labels: wanLabels},
	{name: 'pccmon_pcc_buckets', type: 'gauge', help: 'PCC buckets the WAN holds (its share is buckets over the denominator)', labels: wanLabels},
	{name: 'pccmon_problem', type: 'gauge', help: '1 for each finding of the configuration checks', labels: ['router', 'code', 'subject', 'severity']},
] as const satisfies readonly MetricSpec[];

export type MetricName = (typeof metricSpecs)[number]['name'];

export interface Sample {
	name: MetricName;
	labels: Record<string, string>;
	value: number;
}

/** The last poll stands for the router now: the link is up and no poll failed since. */
function currentSnapshot(state: MonitorState): Snapshot | null {
	const {snapshot} = state;
	if (state.link.kind !== 'live' || !snapshot) return null;
	if (state.lastError && state.lastError.at >= snapshot.at) return null;
	return snapshot;
}

/** Packets of a WAN's PCC rules: each is the first packet of a connection it marked. */
function markedConnections(wan: Wan, snapshot: Snapshot): number | null {
	const packets = new Map(snapshot.mangle.map(rule => [rule.id, rule.packets]));
	let sum = 0n;
	for (const id of wan.pccRuleIds) {
		const counted = packets.get(id);
		if (counted === undefined) return null;
		sum += counted;
	}
	return Number(sum);
}

/**
 * What one router's state says as metrics. Per-WAN values come from the same document
 * `--once --json` prints for that poll; while the router is not answering only `pccmon_up`
 * (0) is said, so no stale value passes for a live one.
 */
export function routerSamples(router: string, host: string, state: MonitorState): Sample[] {
	const snapshot = currentSnapshot(state);
	const samples: Sample[] = [{name: 'pccmon_up', labels: {router}, value: snapshot ? 1 : 0}];
	if (!snapshot) return samples;
	const add = (name: MetricName, labels: Record<string, string>, value: number | null) => {
		if (value !== null && Number.isFinite(value)) samples.push({name, labels: {router, ...labels}, value});
	};
	add('pccmon_poll_duration_seconds', {}, snapshot.pollMs / 1000);
	add('pccmon_router_rtt_seconds', {}, snapshot.rttMs / 1000);
	const document = snapshotDocument(host, snapshot, state.intervalMs);
	const views = new Map(state.wans.map(view => [view.name, view]));
	const interfaces = new Map(snapshot.interfaces.map(counters => [counters.name, counters]));
	snapshot.topology.wans.forEach((wan, index) => {
		const reported = document.pcc.wans[index];
		const view = views.get(wan.name);
		const labels = {wan: wan.name};
		const marked = {...labels, mark: wan.connectionMark};
		add('pccmon_wan_connections', marked, reported.connections);
		add('pccmon_wan_stuck_connections', marked, view?.stuck ?? null);
		add('pccmon_wan_share_configured_ratio', labels, reported.share);
		add('pccmon_wan_share_actual_ratio', labels, reported.actualShare);
		add('pccmon_wan_new_connections_total', labels, markedConnections(wan, snapshot));
		const counters = wan.interface ? interfaces.get(wan.interface) : undefined;
		add('pccmon_wan_rx_bytes_total', labels, counters ? Number(counters.rxBytes) : null);
		add('pccmon_wan_tx_bytes_total', labels, counters ? Number(counters.txBytes) : null);
		add('pccmon_wan_route_active', labels, reported.routeActive ? 1 : 0);
		const gateway = view?.gatewayState;
		add('pccmon_wan_gateway_reachable', labels, gateway === 'reachable' ? 1 : gateway === 'unreachable' ? 0 : null);
		const netwatch = view?.netwatch;
		add('pccmon_wan_netwatch_up', labels, netwatch === 'up' ? 1 : netwatch === 'down' ? 0 : null);
		add('pccmon_pcc_buckets', labels, wan.remainders.length);
	});
	for (const problem of snapshot.topology.problems) {
		add('pccmon_problem', {code: problem.code, subject: problem.subject, severity: problem.severity}, 1);
	}
	return samples;
}
