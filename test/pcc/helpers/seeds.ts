import type {RouterConfig} from '../../../source/pcc/types.js';
import {routerConfig, rows} from './rows.js';

/** Seed "PCC Load Balancing", 2-WAN equal, as written (RouterOS 7). */
export function seedTwoWanEqual(): RouterConfig {
	return routerConfig(7, {
		interfaces: rows('name=ether1 type=ether', 'name=ether2 type=ether', 'name=bridge type=bridge'),
		addresses: rows('address=203.0.113.2/24 network=203.0.113.0 interface=ether1', 'address=198.51.100.2/24 network=198.51.100.0 interface=ether2', 'address=192.168.88.1/24 network=192.168.88.0 interface=bridge'),
		routingTables: rows('name=main fib=true dynamic=true', 'name=wan1 fib=true', 'name=wan2 fib=true'),
		routes: rows(
			'dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-table=wan1 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=198.51.100.1 routing-table=wan2 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=203.0.113.1 distance=1 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=198.51.100.1 distance=2 check-gateway=ping',
		),
		mangle: rows(
			'chain=prerouting action=mark-connection new-connection-mark=wan1_conn passthrough=true per-connection-classifier=both-addresses-and-ports:2/0 connection-state=new in-interface=bridge comment="PCC LAN->WAN1"',
			'chain=prerouting action=mark-routing new-routing-mark=wan1 passthrough=false connection-mark=wan1_conn in-interface=bridge comment="Route WAN1 traffic"',
			'chain=prerouting action=mark-connection new-connection-mark=wan2_conn passthrough=true per-connection-classifier=both-addresses-and-ports:2/1 connection-state=new in-interface=bridge comment="PCC LAN->WAN2"',
			'chain=prerouting action=mark-routing new-routing-mark=wan2 passthrough=false connection-mark=wan2_conn in-interface=bridge comment="Route WAN2 traffic"',
		),
		nat: rows('chain=srcnat action=masquerade out-interface=ether1 comment="Masq WAN1"', 'chain=srcnat action=masquerade out-interface=ether2 comment="Masq WAN2"'),
	});
}

/** Seed "PCC ... different speeds": 2:1 over 3 buckets, DHCP isp1 and PPPoE isp2, v7. */
export function seedTwoToOne(inboundChain: 'prerouting' | 'input'): RouterConfig {
	return routerConfig(7, {
		interfaces: rows('name=ether1 type=ether', 'name=ether2 type=ether', 'name=USER_01 type=bridge', 'name=pppoe-out1 type=pppoe-out'),
		pppoeClients: rows('name=pppoe-out1 interface=ether2 user=customer add-default-route=false'),
		dhcpClients: rows('interface=ether1 add-default-route=no script="if ($bound=1) do={ :local gwip $\\"gateway-address\\"; ip route set gateway=$gwip [find comment=\\"isp1\\"] }"'),
		routingTables: rows('name=main dynamic=true', 'name=isp1 fib=true', 'name=isp2 fib=true'),
		routes: rows(
			'dst-address=0.0.0.0/0 gateway=100.64.0.1 routing-table=isp1 comment=isp1',
			'dst-address=0.0.0.0/0 gateway=pppoe-out1 routing-table=isp2',
			'dst-address=0.0.0.0/0 gateway=100.64.0.1 distance=1 check-gateway=ping comment=isp1',
			'dst-address=0.0.0.0/0 gateway=pppoe-out1 distance=2',
		),
		mangle: rows(
			`chain=${inboundChain} action=mark-connection connection-mark=no-mark connection-state=new in-interface=ether1 new-connection-mark=isp1_conn passthrough=true`,
			`chain=${inboundChain} action=mark-connection connection-mark=no-mark connection-state=new in-interface=pppoe-out1 new-connection-mark=isp2_conn passthrough=true`,
			'chain=output action=mark-routing connection-mark=isp2_conn new-routing-mark=isp2 passthrough=true',
			'chain=output action=mark-routing connection-mark=isp1_conn new-routing-mark=isp1 passthrough=true',
			'chain=prerouting action=mark-connection connection-mark=no-mark connection-state=new dst-address-type=!local in-interface=USER_01 new-connection-mark=isp1_conn passthrough=true per-connection-classifier=both-addresses-and-ports:3/0',
			'chain=prerouting action=mark-connection connection-mark=no-mark connection-state=new dst-address-type=!local in-interface=USER_01 new-connection-mark=isp2_conn passthrough=true per-connection-classifier=both-addresses-and-ports:3/2',
			'chain=prerouting action=mark-connection connection-mark=no-mark connection-state=new dst-address-type=!local in-interface=USER_01 new-connection-mark=isp1_conn passthrough=true per-connection-classifier=both-addresses-and-ports:3/1',
			'chain=prerouting action=mark-routing connection-mark=isp1_conn in-interface=USER_01 new-routing-mark=isp1 passthrough=true',
			'chain=prerouting action=mark-routing connection-mark=isp2_conn in-interface=USER_01 new-routing-mark=isp2 passthrough=true',
		),
		nat: rows('chain=srcnat action=masquerade out-interface=ether1', 'chain=srcnat action=masquerade out-interface=pppoe-out1'),
	});
}

