import {groupTakes} from '../model/interface-groups.js';
import type {Item} from '../model/item.js';
import {parsePrefix} from '../../pcc/shared/ipv4.js';
import {parseIpRange, prefixRange, type IpRange} from './ipv4.js';
import {paths, type EngineRouter} from './router-port.js';

export interface ConnectedNetwork {
	network: IpRange;
	interface: string;
	/** The router's own address on it. */
	address: number;
}

/**
 * The router's interfaces, lists and addresses, read once from its tables and rebuilt when
 * they change: everything the firewall's interface/address matchers and routing consult.
 */
export class NetworkView {
	readonly interfaces = new Map<string, Item>();
	readonly lists = new Map<string, Set<string>>();
	readonly addressLists = new Map<string, IpRange[]>();
	readonly local = new Set<number>();
	readonly broadcast = new Set<number>([0xffffffff]);
	readonly connected: ConnectedNetwork[] = [];

	constructor(router: EngineRouter) {
		for (const item of router.table(paths.interface).items) {
			if (item.fields.name) this.interfaces.set(item.fields.name, item);
		}
		this.readLists(router);
		for (const item of router.table(paths.addressList).items) {
			if (item.fields.disabled === 'true' || !item.fields.list) continue;
			const range = parseIpRange(item.fields.address ?? '');
			if (!range) continue;
			let ranges = this.addressLists.get(item.fields.list);
			if (!ranges) this.addressLists.set(item.fields.list, (ranges = []));
			ranges.push(range);
		}
		for (const item of router.table(paths.address).items) {
			const prefix = parsePrefix(item.fields.address ?? '');
			const name = item.fields.interface;
			if (!prefix || !name || item.fields.disabled === 'true' || !this.isRunning(name)) continue;
			const network = prefixRange(prefix.address, prefix.length);
			this.local.add(prefix.address);
			if (prefix.length < 31) this.broadcast.add(network.high);
			this.connected.push({network, interface: name, address: prefix.address});
		}
	}

	/**
	 * Whether an interface passes traffic. Ethernet, bridges and VLANs run while enabled; a
	 * PPPoE client runs once the engine has brought it up (its `running` field).
	 */
	isRunning(name: string): boolean {
		const item = this.interfaces.get(name);
		if (!item || item.fields.disabled === 'true') return false;
		if (item.fields.running !== undefined) return item.fields.running === 'true';
		return item.fields.type !== 'pppoe-out';
	}

	/** The router's address on an interface: masquerade's source. */
	addressOn(name: string): number | undefined {
		return this.connected.find(network => network.interface === name)?.address;
	}

	/** Whether a rule's interface name (or a built-in one such as `all-ppp`) takes this interface. */
	isInterface(value: string, name: string | undefined): boolean {
		if (name === undefined) return false;
		return name === value || groupTakes(value, this.interfaces.get(name)?.fields.type);
	}

	inList(list: string, name: string | undefined): boolean {
		if (name === undefined) return false;
		return this.lists.get(list)?.has(name) ?? false;
	}

	inAddressList(list: string, address: number): boolean {
		const ranges = this.addressLists.get(list);
		if (!ranges) return false;
		for (const range of ranges) if (address >= range.low && address <= range.high) return true;
		return false;
	}

	private readLists(router: EngineRouter): void {
		const all = new Set(this.interfaces.keys());
		const dynamic = new Set([...this.interfaces.values()].filter(item => item.fields.dynamic === 'true').map(item => item.fields.name!));
		this.lists.set('all', all);
		this.lists.set('none', new Set());
		this.lists.set('dynamic', dynamic);
		this.lists.set('static', new Set([...all].filter(name => !dynamic.has(name))));
		const direct = new Map<string, Set<string>>();
		for (const item of router.table(paths.interfaceListMember).items) {
			const {list, interface: name} = item.fields;
			if (!list || !name || item.fields.disabled === 'true') continue;
			let members = direct.get(list);
			if (!members) direct.set(list, (members = new Set()));
			members.add(name);
		}
		const definitions = router.table(paths.interfaceList).items;
		const resolve = (list: string, seen: Set<string>): Set<string> => {
			const builtin = this.lists.get(list);
			if (builtin && !definitions.some(item => item.fields.name === list)) return builtin;
			const members = new Set(direct.get(list));
			if (seen.has(list)) return members;
			seen.add(list);
			const definition = definitions.find(item => item.fields.name === list);
			for (const included of splitNames(definition?.fields.include)) for (const name of resolve(included, seen)) members.add(name);
			for (const excluded of splitNames(definition?.fields.exclude)) for (const name of resolve(excluded, seen)) members.delete(name);
			return members;
		};
		const names = new Set([...direct.keys(), ...definitions.map(item => item.fields.name).filter((name): name is string => !!name)]);
		for (const list of names) this.lists.set(list, resolve(list, new Set()));
	}
}

function splitNames(text: string | undefined): string[] {
	return text ? text.split(',').map(name => name.trim()).filter(Boolean) : [];
}
