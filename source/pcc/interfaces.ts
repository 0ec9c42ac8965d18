import {prefixContains} from './addresses.js';
import {isEnabled, listOf, valueOf} from './rows.js';
import type {RouterConfig} from './types.js';

const builtinLists = new Set(['all', 'none', 'dynamic', 'static']);
const pppTypes = new Set(['pppoe-out', 'pppoe-in', 'pptp-out', 'pptp-in', 'l2tp-out', 'l2tp-in', 'sstp-out', 'sstp-in', 'ovpn-out', 'ovpn-in', 'ppp-out', 'ppp-in']);

/** Names the router knows as interfaces, including PPPoE clients not yet in /interface. */
export function interfaceNames(config: RouterConfig): Set<string> {
	return new Set([
		...config.interfaces.map(row => row.name),
		...config.pppoeClients.map(row => row.name),
	].filter((name): name is string => Boolean(name)));
}

/**
 * RouterOS's built-in interface names that stand for every interface of some types: usable
 * wherever an interface is named in a firewall rule (`out-interface=all-ppp`). The simulator
 * keeps its own table of them on purpose (docs/simulator.md).
 */
const interfaceGroups: Readonly<Record<string, ReadonlySet<string>>> = {
	'all-ppp': pppTypes,
	'all-ethernet': new Set(['ether']),
	'all-vlan': new Set(['vlan']),
	'all-wireless': new Set(['wlan', 'wifi', 'wifiwave2']),
};

export const builtinInterfaceNames: readonly string[] = Object.keys(interfaceGroups);

/** Whether an interface of this type is one of those a built-in name (`all-ppp`) stands for. */
export function inInterfaceGroup(group: string, type: string | undefined): boolean {
	return type !== undefined && Object.hasOwn(interfaceGroups, group) && interfaceGroups[group].has(type);
}

function isPppInterface(config: RouterConfig, name: string): boolean {
	if (config.pppoeClients.some(row => row.name === name)) return true;
	const type = config.interfaces.find(row => row.name === name)?.type;
	return type !== undefined && pppTypes.has(type);
}

export function isBuiltinList(list: string): boolean {
	return builtinLists.has(list);
}

/**
 * Members of an interface list: its member rows plus those of lists it includes, minus
 * those of lists it excludes. Built-in lists answer from /interface itself.
 */
export function interfaceListMembers(config: RouterConfig, list: string, seen: ReadonlySet<string> = new Set()): Set<string> {
	if (list === 'all') return interfaceNames(config);
	if (builtinLists.has(list) || seen.has(list)) return new Set();
	const visited = new Set([...seen, list]);
	const members = new Set(config.interfaceListMembers
		.filter(row => row.list === list && isEnabled(row) && row.interface)
		.map(row => row.interface!));
	const definition = config.interfaceLists.find(row => row.name === list);
	for (const included of listOf(definition?.include)) {
		for (const name of interfaceListMembers(config, included, visited)) members.add(name);
	}
	for (const excluded of listOf(definition?.exclude)) {
		for (const name of interfaceListMembers(config, excluded, visited)) members.delete(name);
	}
	return members;
}

/** Whether a rule's in-/out-interface or list matcher takes packets on this interface. */
export function interfaceMatches(config: RouterConfig, iface: string, name: string | undefined, list: string | undefined): boolean {
	if (name !== undefined) {
		const negated = name.startsWith('!');
		const bare = negated ? name.slice(1) : name;
		const hit = bare === iface || (bare === 'all-ppp'
			? isPppInterface(config, iface)
			: inInterfaceGroup(bare, config.interfaces.find(row => row.name === iface)?.type));
		if (hit === negated) return false;
	}
	if (list !== undefined) {
		const negated = list.startsWith('!');
		const hit = interfaceListMembers(config, negated ? list.slice(1) : list).has(iface);
		if (hit === negated) return false;
	}
	return true;
}

/** The interface whose configured address network holds this address (a connected gateway). */
export function connectedInterface(config: Pick<RouterConfig, 'addresses'>, address: string): string | undefined {
	const row = config.addresses.find(candidate => isEnabled(candidate) && candidate.address
		&& prefixContains(networkOf(candidate.address, candidate.network), address));
	return row ? valueOf(row, 'interface') : undefined;
}

/** `/ip/address` prints `address=10.0.0.2/24 network=10.0.0.0`; either gives the network. */
function networkOf(address: string, network: string | undefined): string {
	const length = address.split('/')[1] ?? '32';
	return network ? `${network}/${length}` : address;
}

/** Whether a firewall address list has an entry, or is filled at run time by a rule. */
export function addressListFilled(config: RouterConfig, list: string): boolean {
	if (config.addressLists.some(row => row.list === list && isEnabled(row))) return true;
	return [...config.mangle, ...config.nat].some(row => isEnabled(row)
		&& (row.action === 'add-src-to-address-list' || row.action === 'add-dst-to-address-list')
		&& row['address-list'] === list);
}
