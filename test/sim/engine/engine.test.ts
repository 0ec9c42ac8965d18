import {test} from 'node:test';
import assert from 'node:assert/strict';
import {engineFor, pcc, wans} from './fixture.js';

const mangle = '/ip/firewall/mangle';

test('rule, NAT and interface counters move with the traffic', () => {
	const router = wans(2);
	pcc(router, [1, 2]);
	const engine = engineFor(router, {rate: 200, connections: 200});
	try {
		engine.step(1000);
		const snapshot = () => ({
			rules: router.table(mangle).items.map(item => [item.packets ?? 0, item.bytes ?? 0]),
			nat: router.table('/ip/firewall/nat').items.map(item => item.packets ?? 0),
			interfaces: router.table('/interface').items.map(item => [Number(item.fields['rx-byte'] ?? 0), Number(item.fields['tx-byte'] ?? 0)]),
		});
		const before = snapshot();
		engine.step(5000);
		const after = snapshot();
		// PCC rules count each new connection's first packet; mark-routing rules every packet out.
		after.rules.forEach(([packets, bytes], index) => {
			assert.ok(packets > before.rules[index][0], `mangle rule ${index} packets`);
			assert.ok(bytes > before.rules[index][1], `mangle rule ${index} bytes`);
		});
		const [pcc1, pcc2, route1] = after.rules.map(([packets]) => packets);
		assert.ok(route1 > pcc1 * 5, 'mark-routing sees every packet, mark-connection only the first');
		assert.ok(pcc2 > 0);
		// NAT rules see first packets only: one per connection through that WAN.
		after.nat.forEach((packets, index) => assert.ok(packets > before.nat[index], `masquerade ${index + 1}`));
		after.interfaces.forEach(([rx, tx], index) => {
			assert.ok(rx > before.interfaces[index][0] && tx > before.interfaces[index][1], `interface ${index}`);
		});
	} finally {
		engine.dispose();
	}
});

test('a disabled rule is skipped and a jump/return chain marks as written', () => {
	const router = wans(2);
	const table = router.table(mangle);
	table.add({chain: 'prerouting', action: 'jump', 'jump-target': 'pcc', 'connection-state': 'new', 'in-interface': 'bridge'});
	table.add({chain: 'pcc', action: 'mark-connection', 'new-connection-mark': 'never', disabled: 'true'});
	table.add({chain: 'pcc', action: 'mark-connection', 'new-connection-mark': 'wan1_conn', 'per-connection-classifier': 'both-addresses-and-ports:2/0'});
	table.add({chain: 'pcc', action: 'return', 'connection-mark': 'wan1_conn'});
	table.add({chain: 'pcc', action: 'mark-connection', 'new-connection-mark': 'wan2_conn'});
	const engine = engineFor(router);
	try {
		engine.burst(2000);
		assert.equal(engine.conntrack.countByMark('never'), 0);
		const one = engine.conntrack.countByMark('wan1_conn');
		const two = engine.conntrack.countByMark('wan2_conn');
		assert.ok(one > 800 && two > 800, `${one} / ${two}`);
		assert.equal(table.items[1].packets ?? 0, 0, 'a disabled rule counts nothing');
		assert.equal(table.items[3].packets, one, 'return counts the packets it returns');
	} finally {
		engine.dispose();
	}
});

test('passthrough=no ends the chain; a seed-style remainder list is invalid and skipped', () => {
	const router = wans(2);
	const table = router.table(mangle);
	table.add({chain: 'prerouting', action: 'mark-connection', 'new-connection-mark': 'bad', 'per-connection-classifier': 'both-addresses-and-ports:10/0,1,2,3,4', 'in-interface': 'bridge'});
	table.add({chain: 'prerouting', action: 'mark-connection', 'new-connection-mark': 'first', passthrough: 'false', 'in-interface': 'bridge'});
	table.add({chain: 'prerouting', action: 'mark-connection', 'new-connection-mark': 'second', 'in-interface': 'bridge'});
	const engine = engineFor(router);
	try {
		engine.burst(500);
		assert.deepEqual(engine.conntrack.marks(), ['first']);
		assert.equal(table.items[0].packets ?? 0, 0);
		assert.equal(table.items[2].packets ?? 0, 0);
	} finally {
		engine.dispose();
	}
});

test('negated matchers: dst-address-type=!local keeps traffic to the router unmarked', () => {
	const router = wans(2);
	pcc(router, [1, 2]);
	const engine = engineFor(router);
	try {
		engine.burst(3000);
		for (const connection of engine.conntrack.values()) {
			if (connection.srcAddress.startsWith('192.168.88.')) assert.notEqual(connection.mark, undefined);
			else assert.equal(connection.mark, undefined, 'router-originated and inbound flows are not PCC-marked');
		}
	} finally {
		engine.dispose();
	}
});

test('established connections keep their mark when the weights change', () => {
	const router = wans(2);
	pcc(router, [1, 2]);
	const engine = engineFor(router, {connections: 3000, rate: 0});
	try {
		const before = new Map([...engine.conntrack.values()].map(connection => [connection.id, connection.mark]));
		// Everything to wan1 from now on.
		const rules = router.table(mangle);
		rules.set(rules.items[1].id, {'new-connection-mark': 'wan1_conn'});
		engine.step(100);
		for (const connection of engine.conntrack.values()) {
			if (before.has(connection.id)) assert.equal(connection.mark, before.get(connection.id));
		}
		const wan2Before = engine.conntrack.countByMark('wan2_conn');
		engine.burst(1000);
		assert.equal(engine.conntrack.countByMark('wan2_conn'), wan2Before, 'no new connection goes to wan2');
	} finally {
		engine.dispose();
	}
});

test('check-gateway=ping: a dead gateway makes its routes inactive after two missed pings, and active again', () => {
	const router = wans(2);
	pcc(router, [1, 2]);
	const engine = engineFor(router);
	const routes = router.table('/ip/route').items;
	const viaWan1 = routes.filter(route => route.fields.gateway === '10.0.1.1');
	try {
		engine.step(1000);
		assert.ok(viaWan1.every(route => route.fields.active === 'true'));
		engine.setGatewayReachable('10.0.1.1', false);
		// One ping every 10 s: the first miss leaves the route up.
		engine.step(10_000);
		assert.ok(viaWan1.every(route => route.fields.active === 'true'), 'one missed ping is not enough');
		engine.step(10_000);
		assert.ok(viaWan1.every(route => route.fields.active === 'false' && route.fields.inactive === 'true'));
		// Main's second default route (distance 2, via wan2) takes over.
		assert.equal(routes.find(route => route.fields.gateway === '10.0.2.1' && route.fields['routing-table'] === undefined)?.fields.active, 'true');
		engine.setGatewayReachable('10.0.1.1', true);
		engine.step(10_000);
		assert.ok(viaWan1.every(route => route.fields.active === 'true' && route.fields.inactive === 'false'));
	} finally {
		engine.dispose();
	}
});

test('connections through a dead gateway stall and time out; new ones fall back to main', () => {
	const router = wans(2);
	pcc(router, [1, 2]);
	const engine = engineFor(router, {connections: 2000, rate: 100});
	try {
		engine.step(1000);
		engine.setGatewayReachable('10.0.1.1', false);
		engine.step(1000);
		const stalled = [...engine.conntrack.values()].filter(connection => connection.mark === 'wan1_conn');
		assert.ok(stalled.length > 500);
		const replies = new Map(stalled.map(connection => [connection.id, connection.replBytes]));
		engine.step(5000);
		for (const connection of engine.conntrack.values()) {
			if (replies.has(connection.id)) assert.equal(connection.replBytes, replies.get(connection.id), 'no reply through a dead gateway');
		}
		// Before check-gateway notices, new wan1 connections never get an answer.
		const fresh = [...engine.conntrack.values()].filter(connection => connection.mark === 'wan1_conn' && !replies.has(connection.id) && connection.protocol === 'tcp');
		assert.ok(fresh.length > 0);
		for (const connection of fresh) {
			assert.equal(engine.conntrack.format(connection, engine.clock.now())['tcp-state'], 'syn-sent');
		}
		// Clients give up and conntrack lets the old ones go.
		engine.step(60_000);
		const survivors = [...engine.conntrack.values()].filter(connection => replies.has(connection.id));
		assert.equal(survivors.length, 0);
		// With wan1's routes inactive, wan1-marked connections leave by main (wan2) and work.
		const rerouted = [...engine.conntrack.values()].filter(connection => connection.mark === 'wan1_conn' && connection.createdAt > engine.clock.now() - 5000);
		assert.ok(rerouted.length > 0);
		for (const connection of rerouted) {
			assert.equal(connection.outInterface, 'ether2');
			assert.equal(connection.stalled, false);
		}
	} finally {
		engine.dispose();
	}
});

test('a netwatch down-script flushes one connection mark', () => {
	const router = wans(2);
	pcc(router, [1, 2]);
	router.table('/tool/netwatch').add({
		host: '10.0.1.1',
		interval: '5s',
		'down-script': '/ip firewall connection remove [find connection-mark=wan1_conn]\n:log warning "wan1 down"',
		'up-script': ':log info "wan1 up"',
	});
	const engine = engineFor(router, {connections: 2000, rate: 0});
	try {
		engine.step(1000);
		const netwatch = router.table('/tool/netwatch').items[0];
		assert.equal(netwatch.fields.status, 'up');
		const wan2 = engine.conntrack.countByMark('wan2_conn');
		assert.ok(engine.conntrack.countByMark('wan1_conn') > 500);
		engine.setGatewayReachable('10.0.1.1', false);
		engine.step(5000);
		assert.equal(netwatch.fields.status, 'down');
		assert.match(netwatch.fields.since ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		assert.equal(engine.conntrack.countByMark('wan1_conn'), 0);
		assert.ok(engine.conntrack.countByMark('wan2_conn') > wan2 * 0.9, 'the other WAN keeps its connections');
		assert.ok(router.lines.some(line => line.message === 'wan1 down'));
		engine.setGatewayReachable('10.0.1.1', true);
		engine.step(5000);
		assert.equal(netwatch.fields.status, 'up');
		assert.ok(router.lines.some(line => line.message === 'wan1 up'));
	} finally {
		engine.dispose();
	}
});

test('a reboot empties conntrack and zeroes the counters', () => {
	const router = wans(2);
	pcc(router, [1, 2]);
	const engine = engineFor(router, {connections: 500, rate: 100});
	try {
		engine.step(5000);
		const rules = router.table(mangle).items;
		assert.ok(engine.conntrack.size > 800);
		engine.restart();
		// Only the fresh initial population, each counted once by the rule that marked it.
		const marked = engine.conntrack.countByMark('wan1_conn') + engine.conntrack.countByMark('wan2_conn');
		assert.ok(engine.conntrack.size <= 500);
		assert.equal((rules[0].packets ?? 0) + (rules[1].packets ?? 0), marked);
		assert.equal((rules[2].packets ?? 0) + (rules[3].packets ?? 0), marked);
		assert.ok(router.table('/interface').items.every(item => item.fields['rx-byte'] === '0'));
	} finally {
		engine.dispose();
	}
});

test('cpu-load follows the connection rate', () => {
	const quiet = wans(2);
	const busy = wans(2);
	const engines = [engineFor(quiet, {rate: 10}), engineFor(busy, {rate: 8000})];
	try {
		for (const engine of engines) engine.step(5000);
		const [low, high] = [quiet.cpuLoad, busy.cpuLoad];
		assert.ok(high > low + 20, `${low} → ${high}`);
	} finally {
		for (const engine of engines) engine.dispose();
	}
});
