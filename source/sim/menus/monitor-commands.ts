import {parseIpv4, parsePrefix} from '../../pcc/shared/ipv4.js';
import {parseId, type Fields, type Item} from '../model/item.js';
import type {RouterState} from '../model/router-state.js';
import type {MenuAction} from './spec.js';
import {maskOf} from './values.js';

/**
 * The commands that watch interfaces (docs/simulator-api.md, monitoring commands): ethernet
 * link state, traffic rates, and torch's per-flow rates. Each answers a round of rows every
 * second until cancelled, or one round with `=once=` (torch has no `once`; `duration` ends it).
 */

const second = 1000;

/** The rows `numbers` (or `.id`) names in a menu: names or ids, comma-separated. */
function named(router: RouterState, path: string, text: string | undefined): Item[] | string {
	if (text === undefined || text.trim() === '') return 'no such item';
	const items: Item[] = [];
	for (const part of text.split(',')) {
		const id = parseId(part);
		const item = id === undefined ? router.findByName(path, part.trim()) : router.rows(path).find(row => row.id === id);
		if (!item) return 'no such item';
		items.push(item);
	}
	return items;
}

function running(item: Item): boolean {
	return item.fields.disabled !== 'true' && item.fields.running !== 'false';
}

const advertised = (v7: boolean) =>
	v7 ? '10M-baseT-half,10M-baseT-full,100M-baseT-half,100M-baseT-full,1G-baseT-half,1G-baseT-full' : '10M-half,10M-full,100M-half,100M-full,1000M-half,1000M-full';

export const ethernetMonitor: MenuAction = {
	changes: false,
	parameters: ['numbers', '.id', 'once', 'interval', 'duration', '.proplist'],
	repeatMs: second,
	run: (router, attributes) => {
		const items = named(router, '/interface/ethernet', attributes.numbers ?? attributes['.id']);
		if (typeof items === 'string') return items;
		const v7 = router.version.major >= 7;
		return {
			rows: items.map(item => {
				const name = item.fields.name;
				if (!running(item)) return {name, status: 'no-link'};
				const auto = item.fields['auto-negotiation'] !== 'false';
				return {
					name,
					status: 'link-ok',
					'auto-negotiation': auto ? 'done' : 'disabled',
					rate: '1Gbps',
					'full-duplex': 'true',
					'tx-flow-control': 'false',
					'rx-flow-control': 'false',
					...(auto ? {advertising: advertised(v7), 'link-partner-advertising': advertised(v7)} : {}),
				};
			}),
		};
	},
};

/** Traffic rates the engine last measured on an interface (Item.rates), zero when idle. */
function rates(item: Item): Fields {
	const {rxBits = 0, txBits = 0, rxPackets = 0, txPackets = 0} = item.rates ?? {};
	const whole = (value: number) => String(Math.round(value));
	return {
		'rx-packets-per-second': whole(rxPackets),
		'rx-bits-per-second': whole(rxBits),
		'fp-rx-packets-per-second': '0',
		'fp-rx-bits-per-second': '0',
		'rx-drops-per-second': '0',
		'rx-errors-per-second': '0',
		'tx-packets-per-second': whole(txPackets),
		'tx-bits-per-second': whole(txBits),
		'fp-tx-packets-per-second': '0',
		'fp-tx-bits-per-second': '0',
		'tx-drops-per-second': '0',
		'tx-queue-drops-per-second': '0',
		'tx-errors-per-second': '0',
	};
}

export const monitorTraffic: MenuAction = {
	changes: false,
	parameters: ['interface', 'numbers', 'once', 'interval', 'duration', 'aggregate', '.proplist'],
	repeatMs: second,
	run: (router, attributes) => {
		const items = named(router, '/interface', attributes.interface ?? attributes.numbers);
		if (typeof items === 'string') return items === 'no such item' ? 'no such interface' : items;
		return {rows: items.map(item => ({name: item.fields.name, ...rates(item)}))};
	},
};

interface Flow {
	key: Fields;
	tx: number;
	rx: number;
	txPackets: number;
	rxPackets: number;
}

/** Average packet sizes the engine's connections use: requests small, replies big. */
const packetBytes = {orig: 180, repl: 1100};

function networksOf(router: RouterState, name: string): Array<{network: number; mask: number}> {
	return router
		.rows('/ip/address')
		.filter(row => row.fields.interface === name && row.fields.disabled !== 'true')
		.flatMap(row => {
			const prefix = parsePrefix(row.fields.address ?? '');
			if (!prefix) return [];
			const mask = maskOf(prefix.length);
			return [{network: (prefix.address & mask) >>> 0, mask}];
		});
}

/**
 * One round of torch on an interface: the connections crossing it, their rates from the
 * connection table, summed per the keys asked for (`src-address`, `dst-address`,
 * `ip-protocol`, `port`); with none of them, one row of totals.
 */
function torchRound(router: RouterState, attributes: Fields): Fields[] {
	const name = attributes.interface;
	const lan = networksOf(router, name);
	const onLan = (address: string) => {
		const value = parseIpv4(address);
		return value !== undefined && lan.some(({network, mask}) => ((value & mask) >>> 0) === network);
	};
	const flows = new Map<string, Flow>();
	const now = router.now();
	for (const connection of router.conntrack.values()) {
		// Out by this interface: the client's packets leave here; from a network on it: they arrive here.
		const outward = connection.outInterface === name;
		if (!outward && !onLan(connection.srcAddress)) continue;
		const row = router.conntrack.format(connection, now);
		const orig = Number(row['orig-rate'] ?? 0);
		const repl = Number(row['repl-rate'] ?? 0);
		const key: Fields = {};
		if (attributes['src-address'] !== undefined) key['src-address'] = connection.srcAddress;
		if (attributes['dst-address'] !== undefined) key['dst-address'] = connection.dstAddress;
		if (attributes['ip-protocol'] !== undefined) key['ip-protocol'] = connection.protocol;
		if (attributes.port !== undefined && connection.protocol !== 'icmp') {
			key['src-port'] = String(connection.srcPort);
			key['dst-port'] = String(connection.dstPort);
		}
		const id = JSON.stringify(key);
		let flow = flows.get(id);
		if (!flow) flows.set(id, (flow = {key, tx: 0, rx: 0, txPackets: 0, rxPackets: 0}));
		const [tx, rx, txSize, rxSize] = outward ? [orig, repl, packetBytes.orig, packetBytes.repl] : [repl, orig, packetBytes.repl, packetBytes.orig];
		flow.tx += tx;
		flow.rx += rx;
		flow.txPackets += tx / 8 / txSize;
		flow.rxPackets += rx / 8 / rxSize;
	}
	if (flows.size === 0) flows.set('{}', {key: {}, tx: 0, rx: 0, txPackets: 0, rxPackets: 0});
	return [...flows.values()]
		.sort((a, b) => b.tx + b.rx - (a.tx + a.rx))
		.map(flow => ({
			...flow.key,
			tx: String(Math.round(flow.tx)),
			rx: String(Math.round(flow.rx)),
			'tx-packets': String(Math.round(flow.txPackets)),
			'rx-packets': String(Math.round(flow.rxPackets)),
		}));
}

export const torch: MenuAction = {
	changes: false,
	parameters: ['interface', 'src-address', 'dst-address', 'ip-protocol', 'port', 'protocol', 'mac-protocol', 'vlan-id', 'dscp', 'freeze-frame-interval', 'duration', '.proplist'],
	repeatMs: second,
	run: (router, attributes, round) => {
		const name = attributes.interface;
		if (name === undefined || !router.findByName('/interface', name)) return 'input does not match any value of interface';
		// Every round is a section of its own, numbered from the start of the command.
		return {rows: torchRound(router, attributes).map(row => ({'.section': String(round), ...row}))};
	},
};
