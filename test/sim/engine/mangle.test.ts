import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Fields, Item} from '../../../source/sim/model/item.js';
import {RuleSet} from '../../../source/sim/engine/mangle.js';
import {NetworkView} from '../../../source/sim/engine/network.js';
import {newPacket, type Packet} from '../../../source/sim/engine/packet.js';
import {parseIpv4} from '../../../source/pcc/shared/ipv4.js';
import {engineFor, TableRouter, wans} from './fixture.js';

function setup(rules: Fields[]): {run: (packet: Partial<Packet>) => {packet: Packet; hits: Item[]}; items: Item[]} {
	const router = new TableRouter('7.18').load({
		'/interface': [{name: 'bridge', type: 'bridge'}, {name: 'ether1', type: 'ether'}, {name: 'vlan10', type: 'vlan'}, {name: 'pppoe-out1', type: 'pppoe-out'}],
		'/interface/list': [{name: 'LAN'}],
		'/interface/list/member': [{list: 'LAN', interface: 'bridge'}, {list: 'LAN', interface: 'vlan10'}],
		'/ip/address': [{address: '192.168.88.1/24', interface: 'bridge'}, {address: '10.0.1.2/24', interface: 'ether1'}],
		'/ip/firewall/address-list': [{list: 'servers', address: '52.1.0.0/16'}, {list: 'servers', address: '13.0.0.1-13.0.0.9'}],
		'/ip/firewall/mangle': rules,
	});
	const view = new NetworkView(router);
	const set = new RuleSet(router.table('/ip/firewall/mangle').items, view);
	return {
		items: router.table('/ip/firewall/mangle').items,
		run: overrides => {
			const packet = {...newPacket(), src: parseIpv4('192.168.88.20')!, dst: parseIpv4('52.1.2.3')!, srcPort: 40000, dstPort: 443, inInterface: 'bridge', ...overrides};
			const hits: Item[] = [];
			set.run('prerouting', packet, hits);
			return {packet, hits};
		},
	};
}

test('matchers: interface lists, built-in interface names, address lists, prefixes, ports, protocol, address type, marks and !', () => {
	const cases: Array<[Fields, Partial<Packet>, boolean]> = [
		[{'in-interface-list': 'LAN'}, {inInterface: 'vlan10'}, true],
		[{'in-interface-list': '!LAN'}, {inInterface: 'ether1'}, true],
		[{'in-interface-list': 'LAN'}, {inInterface: 'ether1'}, false],
		[{'dst-address-list': 'servers'}, {dst: parseIpv4('13.0.0.5')}, true],
		[{'dst-address-list': 'servers'}, {dst: parseIpv4('13.0.0.10')}, false],
		[{'src-address': '192.168.88.0/25'}, {}, true],
		[{'src-address': '!192.168.88.0/25'}, {}, false],
		[{protocol: 'tcp', 'dst-port': '80,400-500'}, {}, true],
		[{protocol: 'udp', 'dst-port': '443'}, {}, false],
		[{protocol: '6', port: '40000'}, {}, true],
		[{'dst-address-type': 'local'}, {dst: parseIpv4('10.0.1.2')}, true],
		[{'dst-address-type': '!local'}, {}, true],
		[{'connection-mark': 'no-mark'}, {}, true],
		[{'connection-mark': 'no-mark'}, {connectionMark: 'wan1_conn'}, false],
		[{'connection-mark': '!no-mark'}, {connectionMark: 'wan1_conn'}, true],
		[{'routing-mark': 'wan1'}, {routingMark: 'wan1'}, true],
		[{'connection-state': 'established,related'}, {state: 'new'}, false],
		[{'connection-state': '!established'}, {state: 'new'}, true],
		[{'layer7-protocol': 'anything'}, {}, false],
		[{'out-interface': 'all-ppp'}, {outInterface: 'pppoe-out1'}, true],
		[{'out-interface': 'all-ppp'}, {outInterface: 'ether1'}, false],
		[{'out-interface': '!all-ppp'}, {outInterface: 'ether1'}, true],
		[{'in-interface': 'all-vlan'}, {inInterface: 'vlan10'}, true],
		[{'in-interface': 'all-ethernet'}, {inInterface: 'ether1'}, true],
		[{'in-interface': 'all-ethernet'}, {}, false],
	];
	for (const [matcher, packet, expected] of cases) {
		const {run} = setup([{chain: 'prerouting', action: 'passthrough', ...matcher}]);
		assert.equal(run(packet).hits.length, expected ? 1 : 0, `${JSON.stringify(matcher)} on ${JSON.stringify(packet)}`);
	}
});

test('accept ends the chain, mark-routing sets the routing mark, invalid rules and jump loops are harmless', () => {
	const {run, items} = setup([
		{chain: 'prerouting', action: 'jump', 'jump-target': 'loop'},
		{chain: 'loop', action: 'jump', 'jump-target': 'loop'},
		{chain: 'prerouting', action: 'mark-connection', 'new-connection-mark': 'x', 'src-address': 'not-an-address'},
		{chain: 'prerouting', action: 'mark-routing', 'new-routing-mark': 'wan1'},
		{chain: 'prerouting', action: 'accept'},
		{chain: 'prerouting', action: 'mark-routing', 'new-routing-mark': 'never'},
	]);
	const {packet, hits} = run({});
	assert.equal(packet.routingMark, 'wan1');
	assert.equal(packet.connectionMark, undefined);
	// The self-jump is reached and counted, but not followed.
	assert.deepEqual(hits.map(item => item.id), [items[0].id, items[1].id, items[3].id, items[4].id]);
});

test('inbound connections are answered through the WAN they came in by only with output-chain marking', () => {
	for (const withOutputMarks of [false, true]) {
		const router = wans(2);
		const mangle = router.table('/ip/firewall/mangle');
		for (const n of [1, 2]) {
			mangle.add({chain: 'prerouting', action: 'mark-connection', 'new-connection-mark': `isp${n}_conn`, 'connection-mark': 'no-mark', 'connection-state': 'new', 'in-interface': `ether${n}`});
			if (withOutputMarks) mangle.add({chain: 'output', action: 'mark-routing', 'new-routing-mark': `wan${n}`, 'connection-mark': `isp${n}_conn`});
		}
		const engine = engineFor(router, {seed: 4});
		try {
			engine.burst(6000);
			const inbound = [...engine.conntrack.values()].filter(connection => connection.mark === 'isp2_conn');
			assert.ok(inbound.length > 10);
			// Without the output rules replies take main's default (ether1): the far end never hears back.
			assert.ok(inbound.every(connection => connection.stalled === !withOutputMarks), `output marks: ${withOutputMarks}`);
		} finally {
			engine.dispose();
		}
	}
});
