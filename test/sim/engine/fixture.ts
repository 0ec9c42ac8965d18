import type {Fields} from '../../../source/sim/model/item.js';
import {Table} from '../../../source/sim/model/table.js';
import {parseVersion, type RouterOsVersion} from '../../../source/sim/model/version.js';
import {SimClock} from '../../../source/sim/engine/clock.js';
import {SimEngine, type SimEngineOptions} from '../../../source/sim/engine/engine.js';
import type {EngineRouter} from '../../../source/sim/engine/router-port.js';

/** A router made of bare tables: enough for the engine, without the command layer. */
export class TableRouter implements EngineRouter {
	readonly version: RouterOsVersion;
	readonly lines: Array<{topics: string; message: string}> = [];
	cpuLoad = 2;
	private readonly tables = new Map<string, Table>();

	constructor(version = '7.18') {
		this.version = parseVersion(version)!;
	}

	table(path: string): Table {
		let table = this.tables.get(path);
		if (!table) this.tables.set(path, (table = new Table(path)));
		return table;
	}

	log(topics: string, message: string): void {
		this.lines.push({topics, message});
	}

	load(config: Record<string, Fields[]>): this {
		for (const [path, rows] of Object.entries(config)) for (const row of rows) this.table(path).add(row);
		return this;
	}
}

/** LAN on a bridge, WANs on ether1..N with gateways 10.0.N.1, one routing table each. */
export function wans(count: number, version = '7.18'): TableRouter {
	const v7 = version.startsWith('7');
	const router = new TableRouter(version);
	const interfaces: Fields[] = [{name: 'bridge', type: 'bridge'}];
	const addresses: Fields[] = [{address: '192.168.88.1/24', interface: 'bridge'}];
	const routes: Fields[] = [];
	const tables: Fields[] = [];
	const nat: Fields[] = [];
	for (let n = 1; n <= count; n++) {
		interfaces.push({name: `ether${n}`, type: 'ether'});
		addresses.push({address: `10.0.${n}.2/24`, interface: `ether${n}`});
		tables.push({name: `wan${n}`, fib: 'true'});
		routes.push({'dst-address': '0.0.0.0/0', gateway: `10.0.${n}.1`, 'check-gateway': 'ping', ...(v7 ? {'routing-table': `wan${n}`} : {'routing-mark': `wan${n}`})});
		routes.push({'dst-address': '0.0.0.0/0', gateway: `10.0.${n}.1`, distance: String(n), 'check-gateway': 'ping'});
		nat.push({chain: 'srcnat', action: 'masquerade', 'out-interface': `ether${n}`});
	}
	return router.load({
		'/interface': interfaces,
		'/ip/address': addresses,
		...(v7 ? {'/routing/table': tables} : {}),
		'/ip/route': routes,
		'/ip/firewall/nat': nat,
	});
}

/** PCC rules: `buckets[i]` is the WAN number bucket i marks for, over buckets.length. */
export function pcc(router: TableRouter, buckets: number[], hash = 'both-addresses-and-ports'): void {
	const mangle = router.table('/ip/firewall/mangle');
	buckets.forEach((wan, bucket) => {
		mangle.add({
			chain: 'prerouting', action: 'mark-connection', 'new-connection-mark': `wan${wan}_conn`, passthrough: 'true',
			'connection-state': 'new', 'in-interface': 'bridge', 'dst-address-type': '!local',
			'per-connection-classifier': `${hash}:${buckets.length}/${bucket}`,
		});
	});
	for (const wan of new Set(buckets)) {
		mangle.add({chain: 'prerouting', action: 'mark-routing', 'new-routing-mark': `wan${wan}`, passthrough: 'false', 'connection-mark': `wan${wan}_conn`, 'in-interface': 'bridge'});
	}
}

export function engineFor(router: TableRouter, options: SimEngineOptions = {}): SimEngine {
	const engine = new SimEngine(router, {clock: new SimClock(Date.UTC(2026, 0, 1)), connections: 0, rate: 0, ...options});
	engine.start({realTime: false});
	return engine;
}
