import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {SimEngine} from '../../../source/sim/engine/engine.js';
import {engineFor, pcc, TableRouter, wans} from './fixture.js';

/** Where the LAN's new connections marked `mark` go: their interfaces and whether they flow. */
function fate(engine: SimEngine, mark: string, since: number): {interfaces: Set<string | undefined>; stalled: number; total: number} {
	const interfaces = new Set<string | undefined>();
	let stalled = 0;
	let total = 0;
	for (const connection of engine.conntrack.values()) {
		if (connection.mark !== mark || connection.createdAt < since) continue;
		total++;
		interfaces.add(connection.outInterface);
		if (connection.stalled) stalled++;
	}
	return {interfaces, stalled, total};
}

type Fate = ReturnType<typeof fate>;

/** New connections of both marks in the 3 s after wan1's gateway has been dead for 25 s. */
function afterWan1GatewayDies(router: TableRouter): {wan1: Fate; wan2: Fate} {
	const engine = engineFor(router, {rate: 200});
	try {
		engine.setGatewayReachable('10.0.1.1', false);
		engine.step(25_000);
		const since = engine.clock.now();
		engine.step(3000);
		return {wan1: fate(engine, 'wan1_conn', since), wan2: fate(engine, 'wan2_conn', since)};
	} finally {
		engine.dispose();
	}
}

for (const version of ['6.49.10', '7.18']) {
	test(`RouterOS ${version}: a marked table without an active route falls back to main`, () => {
		const router = wans(2, version);
		pcc(router, [1, 2]);
		const {wan1} = afterWan1GatewayDies(router);
		assert.ok(wan1.total > 100);
		assert.deepEqual([...wan1.interfaces], ['ether2']);
		assert.equal(wan1.stalled, 0);
	});
}

test('a lookup-only-in-table rule keeps marked traffic off main: it is dropped', () => {
	const router = wans(2, '7.18');
	pcc(router, [1, 2]);
	router.table('/routing/rule').add({'routing-mark': 'wan1', action: 'lookup-only-in-table', table: 'wan1'});
	const {wan1, wan2} = afterWan1GatewayDies(router);
	assert.ok(wan1.total > 100);
	assert.equal(wan1.stalled, wan1.total);
	assert.equal(wan2.stalled, 0);
});

test('a blackhole route in the table also stops the fallback (v6 type=blackhole)', () => {
	const router = wans(2, '6.49.10');
	pcc(router, [1, 2]);
	router.table('/ip/route').add({'dst-address': '0.0.0.0/0', type: 'blackhole', 'routing-mark': 'wan1', distance: '250'});
	const {wan1} = afterWan1GatewayDies(router);
	assert.ok(wan1.total > 100);
	assert.equal(wan1.stalled, wan1.total);
});

test('recursive gateway: the route checks the far host and goes inactive when only it stops answering', () => {
	const router = wans(2, '6.49.10');
	const routes = router.table('/ip/route');
	routes.add({'dst-address': '8.8.8.8/32', gateway: '10.0.1.1', scope: '10'});
	const recursive = routes.add({'dst-address': '0.0.0.0/0', gateway: '8.8.8.8', 'target-scope': '11', 'check-gateway': 'ping', 'routing-mark': 'isp1'});
	const engine = engineFor(router);
	try {
		engine.step(1000);
		assert.equal(recursive.fields.active, 'true');
		assert.equal(recursive.fields['gateway-status'], '8.8.8.8 recursive via 10.0.1.1 ether1');
		engine.setGatewayReachable('8.8.8.8', false);
		engine.step(20_000);
		assert.equal(recursive.fields.active, 'false');
		assert.equal(recursive.fields['gateway-status'], '8.8.8.8 unreachable');
		// The ISP's own gateway still answers, so the host route stays.
		assert.equal(routes.items.find(route => route.fields['dst-address'] === '8.8.8.8/32')?.fields.active, 'true');
		engine.setGatewayReachable('8.8.8.8', true);
		engine.step(10_000);
		assert.equal(recursive.fields.active, 'true');
	} finally {
		engine.dispose();
	}
});

test('v7 equal routes are ECMP: both active, flows spread over both', () => {
	const router = new TableRouter('7.18').load({
		'/interface': [{name: 'bridge', type: 'bridge'}, {name: 'ether1', type: 'ether'}, {name: 'ether2', type: 'ether'}],
		'/ip/address': [{address: '192.168.88.1/24', interface: 'bridge'}, {address: '10.0.1.2/24', interface: 'ether1'}, {address: '10.0.2.2/24', interface: 'ether2'}],
		'/ip/route': [{'dst-address': '0.0.0.0/0', gateway: '10.0.1.1'}, {'dst-address': '0.0.0.0/0', gateway: '10.0.2.1'}],
		'/ip/firewall/nat': [{chain: 'srcnat', action: 'masquerade', 'out-interface-list': 'WAN'}],
		'/interface/list': [{name: 'WAN'}],
		'/interface/list/member': [{list: 'WAN', interface: 'ether1'}, {list: 'WAN', interface: 'ether2'}],
	});
	const engine = engineFor(router);
	try {
		engine.burst(2000);
		const routes = router.table('/ip/route').items;
		assert.ok(routes.every(route => route.fields.active === 'true' && route.fields.ecmp === 'true'));
		const out = new Map<string | undefined, number>();
		for (const connection of engine.conntrack.values()) out.set(connection.outInterface, (out.get(connection.outInterface) ?? 0) + 1);
		assert.ok((out.get('ether1') ?? 0) > 500 && (out.get('ether2') ?? 0) > 500, JSON.stringify([...out]));
		// out-interface-list masquerade NATs both ways out.
		assert.ok([...engine.conntrack.values()].every(connection => connection.natAddress !== undefined || !connection.srcAddress.startsWith('192.168.')));
	} finally {
		engine.dispose();
	}
});

test('DHCP and PPPoE clients bind and install their default routes in main', () => {
	const router = new TableRouter('7.18').load({
		'/interface': [
			{name: 'bridge', type: 'bridge'},
			{name: 'ether1', type: 'ether'},
			{name: 'ether2', type: 'ether'},
			{name: 'pppoe-out1', type: 'pppoe-out', interface: 'ether2', 'add-default-route': 'true', 'default-route-distance': '2'},
		],
		'/ip/address': [{address: '192.168.88.1/24', interface: 'bridge'}],
		'/ip/dhcp-client': [{interface: 'ether1', 'default-route-distance': '1'}],
		'/ip/firewall/nat': [{chain: 'srcnat', action: 'masquerade', 'out-interface': 'ether1'}, {chain: 'srcnat', action: 'masquerade', 'out-interface': 'pppoe-out1'}],
	});
	const engine = engineFor(router, {rate: 100, leases: {ether1: {address: '198.51.100.20/24', gateway: '198.51.100.1'}}});
	try {
		engine.step(3000);
		const client = router.table('/ip/dhcp-client').items[0];
		assert.equal(client.fields.status, 'bound');
		assert.equal(client.fields.gateway, '198.51.100.1');
		const routes = router.table('/ip/route').items;
		const dhcp = routes.find(route => route.fields.dhcp === 'true');
		assert.deepEqual([dhcp?.fields.gateway, dhcp?.fields.distance, dhcp?.fields.dynamic, dhcp?.fields.active], ['198.51.100.1', '1', 'true', 'true']);
		const ppp = routes.find(route => route.fields.gateway === 'pppoe-out1');
		assert.deepEqual([ppp?.fields.distance, ppp?.fields.active], ['2', 'false']);
		assert.equal(router.table('/interface').items[3].fields.running, 'true');
		assert.ok(router.table('/ip/address').items.some(address => address.fields.interface === 'pppoe-out1' && address.fields.dynamic === 'true'));
		// Once bound, traffic leaves by the DHCP WAN (distance 1).
		const since = engine.clock.now();
		engine.step(2000);
		const outs = new Set([...engine.conntrack.values()].filter(connection => connection.srcAddress.startsWith('192.168.') && connection.createdAt >= since).map(connection => connection.outInterface));
		assert.deepEqual([...outs], ['ether1']);
		// Disabling the client gives its lease back: address and route go, PPPoE takes over.
		router.table('/ip/dhcp-client').set(client.id, {disabled: 'true'});
		engine.step(1000);
		assert.equal(router.table('/ip/route').items.some(route => route.fields.dhcp === 'true'), false);
		assert.equal(ppp?.fields.active, 'true');
	} finally {
		engine.dispose();
	}
});
