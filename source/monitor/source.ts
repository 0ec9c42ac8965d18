import {toProbe} from '../pcc/netwatch.js';
import {toRouteState} from '../pcc/route-state.js';
import {isYes} from '../pcc/rows.js';
import type {Row} from '../pcc/types.js';
import {anyOf, readConfig, readCounts} from '../routeros/reads.js';
import {RouterError, type RouterApi} from '../routeros/types.js';
import {parseCounter} from './rates.js';
import type {InterfaceCounters, MangleCounters, MonitorSource, RouterInfo, TickPlan, TickRead} from './types.js';

/** The mangle fields whose change means the PCC set-up moved (counters excluded). */
const shapeFields = [
	'chain', 'action', 'disabled', 'per-connection-classifier', 'new-connection-mark', 'new-routing-mark',
	'connection-mark', 'jump-target', 'passthrough',
];
const routeFields = [
	'.id', 'dst-address', 'gateway', 'distance', 'check-gateway', 'active', 'inactive', 'disabled', 'dynamic',
	'gateway-status',
];

function toMangleCounters(row: Row): MangleCounters {
	return {
		id: row['.id'] ?? '',
		packets: parseCounter(row['packets']) ?? 0n,
		bytes: parseCounter(row['bytes']) ?? 0n,
		shape: shapeFields.map(name => row[name] ?? '').join('|'),
	};
}

function toInterfaceCounters(row: Row): InterfaceCounters {
	return {
		name: row['name'] ?? '',
		rxBytes: parseCounter(row['rx-byte']) ?? 0n,
		txBytes: parseCounter(row['tx-byte']) ?? 0n,
		running: isYes(row['running']),
	};
}


/**
 * Reads a router over its API. All of a tick's reads are issued at once so the adapter
 * pipelines them: a tick costs about one round trip whatever the number of reads.
 */
export function routerSource(connection: () => RouterApi | undefined): MonitorSource {
	const api = (): RouterApi => {
		const current = connection();
		if (!current) throw new RouterError('disconnected', 'not connected to the router');
		return current;
	};
	let identity: Pick<RouterInfo, 'identity' | 'version' | 'board'> = {identity: '', version: '', board: ''};
	return {
		async readConfig() {
			const config = await readConfig(api());
			identity = {identity: config.identity, version: config.version, board: config.board};
			return config;
		},
		async readTick(plan: TickPlan): Promise<TickRead> {
			const router = api();
			const [resource, mangle, routes, netwatch, interfaces] = await Promise.all([
				router.print('/system/resource', {proplist: ['uptime', 'cpu-load']}),
				router.print('/ip/firewall/mangle', {stats: true, proplist: ['.id', 'bytes', 'packets', ...shapeFields]}),
				router.print('/ip/route', {
					query: ['dst-address=0.0.0.0/0'],
					proplist: [...routeFields, plan.routeros === 7 ? 'routing-table' : 'routing-mark'],
				}),
				router.print('/tool/netwatch', {proplist: ['.id', 'host', 'status', 'since', 'disabled']}),
				plan.interfaces.length > 0
					? router.print('/interface', {query: anyOf('name', plan.interfaces), proplist: ['name', 'rx-byte', 'tx-byte', 'running']})
					: Promise.resolve([]),
			]);
			const load = Number(resource[0]?.['cpu-load']);
			return {
				router: {...identity, uptime: resource[0]?.['uptime'] ?? '', cpuLoad: Number.isFinite(load) ? load : null},
				mangle: mangle.map(toMangleCounters),
				routes: routes.map(row => toRouteState(plan.routeros, row)),
				netwatch: netwatch.filter(row => !isYes(row['disabled'])).map(toProbe),
				interfaces: interfaces.map(toInterfaceCounters),
			};
		},
		readCounts: marks => readCounts(api(), marks),
	};
}
