import {existsSync, readFileSync} from 'node:fs';
import type {Lease} from '../engine/clients.js';
import type {SimClock} from '../engine/clock.js';
import type {Upstream} from '../engine/upstream.js';

/** What a scenario's schedule may drive: the simulated clock and the world upstream. */
export interface ScenarioWorld {
	readonly clock: SimClock;
	readonly upstream: Upstream;
}

export interface Scenario {
	name: string;
	/** One line for --help and the README. */
	description: string;
	/** The RouterOS version the export was written for. */
	version: string;
	/** The configuration, in `/export` format. */
	rsc: string;
	/** What the ISPs' DHCP and PPPoE servers hand out, by client interface or PPPoE name. */
	leases?: Record<string, Lease>;
	/** Starts what happens over time (a gateway dying); returns what stops it. */
	schedule?(world: ScenarioWorld): () => void;
}

/** The WAN gateway the failover scenario takes down and brings back. */
export const failoverGateway = '198.51.100.1';
/** Failover timing, in simulated ms: down at 15 s, back 45 s later, every 90 s. */
export const failoverTimes = {firstDown: 15_000, downFor: 45_000, period: 90_000} as const;

function failoverSchedule({clock, upstream}: ScenarioWorld): () => void {
	const {firstDown, downFor, period} = failoverTimes;
	const stops = [
		clock.every(period, () => upstream.set(failoverGateway, false), firstDown),
		clock.every(period, () => upstream.set(failoverGateway, true), firstDown + downFor),
	];
	return () => {
		for (const stop of stops) stop();
	};
}

/**
 * The exports live beside package.json (shipped in the package) so users can read them and
 * start from them with --rsc. This code runs from source/, from dist/ and from the bundle's
 * chunks at different depths, so the folder is found by looking upwards.
 */
function scenarioFolder(): URL {
	for (let up = '../'; up.length <= 15; up += '../') {
		const candidate = new URL(`${up}scenarios/`, import.meta.url);
		if (existsSync(new URL('failover.rsc', candidate))) return candidate;
	}
	throw new Error('the scenarios/ folder of the pccmon package is missing');
}

const folder = scenarioFolder();

function rscOf(name: string): string {
	return readFileSync(new URL(`${name}.rsc`, folder), 'utf8');
}

const definitions: Array<Omit<Scenario, 'rsc'>> = [
	{
		name: 'failover',
		description: 'two equal WANs; WAN2\'s gateway dies at 15 s and returns 45 s later, every 90 s (netwatch flushes its connections)',
		version: '7.18.2',
		schedule: failoverSchedule,
	},
	{name: 'two-wan', description: 'two equal WANs, PCC both-addresses-and-ports 2/0 and 2/1, routing tables (RouterOS 7)', version: '7.18.2'},
	{name: 'three-wan-weighted', description: 'three WANs weighted 5/3/2 over 10 buckets, one rule per bucket', version: '7.18.2'},
	{
		name: 'pppoe-2to1',
		description: 'a DHCP WAN and a PPPoE WAN at 2:1 over three buckets, inbound connections marked per WAN, output-chain mark-routing',
		version: '7.18.2',
		// The export's isp1 routes name the DHCP gateway, as the seed's lease script keeps them.
		leases: {
			ether1: {address: '100.64.10.2/24', gateway: '100.64.10.1'},
			'pppoe-out1': {address: '100.80.20.2/32', gateway: '100.80.0.1'},
		},
	},
	{name: 'routeros6', description: 'RouterOS 6.49: routing marks on routes, /ip route rule, two WANs 1:1', version: '6.49.7'},
	{
		name: 'misconfigured',
		description:
			'a two-WAN set-up with mistakes to find: an unassigned bucket, no masquerade on WAN2, '
			+ 'PCC on mark-routing, no check-gateway, a netwatch flushing everything',
		version: '7.18.2',
	},
];

export const defaultScenario = 'failover';

export const scenarioNames: readonly string[] = definitions.map(definition => definition.name);

/** The named scenario with its export read, or undefined for an unknown name. */
export function scenario(name: string): Scenario | undefined {
	const definition = definitions.find(candidate => candidate.name === name);
	return definition && {...definition, rsc: rscOf(definition.name)};
}
