import type {Row, RouterConfig} from '../../../source/pcc/types.js';
import {routerConfig, rows} from './rows.js';

/** Replaces the row with this `.id` (or drops it, given undefined). */
export function replaceRow(list: Row[], id: string, row: Row | undefined): Row[] {
	return list.flatMap(item => item['.id'] === id ? (row ? [{'.id': id, disabled: 'false', ...row}] : []) : [item]);
}

export function editRow(list: Row[], id: string, changes: Record<string, string | undefined>): Row[] {
	return list.map(item => {
		if (item['.id'] !== id) return item;
		const next: Record<string, string> = {...item};
		for (const [name, value] of Object.entries(changes)) {
			if (value === undefined) delete next[name];
			else next[name] = value;
		}
		return next;
	});
}

/**
 * A careful RouterOS 7 two-WAN set-up that should raise no finding at all: PCC 2/0 and 2/1
 * from the bridge, inbound marking on each uplink, mark-routing in prerouting and output,
 * check-gateway, masquerade, pinned netwatch probes that flush one WAN's mark each.
 * Mangle ids: *1 *2 inbound, *3 *4 PCC, *5 *6 prerouting routing, *7 *8 output routing.
 */
export function cleanV7(): RouterConfig {
	return routerConfig(7, {
		interfaces: rows('name=ether1 type=ether', 'name=ether2 type=ether', 'name=ether3 type=ether', 'name=bridge type=bridge'),
		addresses: rows(
			'address=203.0.113.2/24 network=203.0.113.0 interface=ether1',
			'address=198.51.100.2/24 network=198.51.100.0 interface=ether2',
			'address=192.168.88.1/24 network=192.168.88.0 interface=bridge',
		),
		routingTables: rows('name=main fib=true dynamic=true', 'name=wan1 fib=true', 'name=wan2 fib=true'),
		routes: rows(
			'dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-table=wan1 distance=1 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=198.51.100.1 routing-table=wan2 distance=1 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-table=main distance=1 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=198.51.100.1 routing-table=main distance=2 check-gateway=ping',
			'dst-address=1.1.1.1/32 gateway=203.0.113.1 routing-table=main distance=1 scope=10',
			'dst-address=9.9.9.9/32 gateway=198.51.100.1 routing-table=main distance=1 scope=10',
		),
		mangle: rows(
			'chain=prerouting action=mark-connection in-interface=ether1 connection-mark=no-mark new-connection-mark=wan1_conn passthrough=true comment="in from WAN1"',
			'chain=prerouting action=mark-connection in-interface=ether2 connection-mark=no-mark new-connection-mark=wan2_conn passthrough=true comment="in from WAN2"',
			'chain=prerouting action=mark-connection in-interface=bridge connection-state=new connection-mark=no-mark dst-address-type=!local per-connection-classifier=both-addresses-and-ports:2/0 new-connection-mark=wan1_conn passthrough=true comment="PCC LAN->WAN1"',
			'chain=prerouting action=mark-connection in-interface=bridge connection-state=new connection-mark=no-mark dst-address-type=!local per-connection-classifier=both-addresses-and-ports:2/1 new-connection-mark=wan2_conn passthrough=true comment="PCC LAN->WAN2"',
			'chain=prerouting action=mark-routing in-interface=bridge connection-mark=wan1_conn new-routing-mark=wan1 passthrough=false',
			'chain=prerouting action=mark-routing in-interface=bridge connection-mark=wan2_conn new-routing-mark=wan2 passthrough=false',
			'chain=output action=mark-routing connection-mark=wan1_conn new-routing-mark=wan1 passthrough=false',
			'chain=output action=mark-routing connection-mark=wan2_conn new-routing-mark=wan2 passthrough=false',
		),
		nat: rows('chain=srcnat action=masquerade out-interface=ether1', 'chain=srcnat action=masquerade out-interface=ether2'),
		netwatch: rows(
			'host=1.1.1.1 status=up comment="wan1 probe" down-script="/ip firewall connection remove [find connection-mark=wan1_conn]"',
			'host=9.9.9.9 status=up comment="wan2 probe" down-script="/ip firewall connection remove [find connection-mark=wan2_conn]"',
		),
	});
}
