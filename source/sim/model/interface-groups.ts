/*
 * RouterOS's built-in interface names that stand for every interface of some types, usable
 * wherever a firewall rule names an interface (`out-interface=all-ppp`). The simulator's own
 * table: the client has its reading in source/pcc/interfaces.ts, and the two are kept apart on
 * purpose (docs/simulator.md, "What the simulator shares with the client, and why").
 */

const pppTypes = ['pppoe', 'pptp', 'l2tp', 'sstp', 'ovpn', 'ppp'].flatMap(kind => [`${kind}-out`, `${kind}-in`]);

const typesOf = new Map<string, readonly string[]>([
	['all-ethernet', ['ether']],
	['all-ppp', pppTypes],
	['all-vlan', ['vlan']],
	['all-wireless', ['wlan', 'wifi', 'wifiwave2']],
]);

/** The names a rule may give in place of an interface. */
export const interfaceGroupNames: readonly string[] = [...typesOf.keys()];

/** Whether `group` is a built-in name that takes an interface of this type. */
export function groupTakes(group: string, type: string | undefined): boolean {
	return type !== undefined && (typesOf.get(group)?.includes(type) ?? false);
}
