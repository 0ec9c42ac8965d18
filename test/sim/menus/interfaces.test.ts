import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startSim} from '../../../source/sim/index.js';
import {makeRouter} from '../helpers/sim-router.js';

test('a new router has its ethernet ports with mtu, mac-address and counters', () => {
	const {router} = makeRouter('7.19.4', {ethernetPorts: 3});
	const rows = router.run('/interface/print').rows;
	assert.deepEqual(rows.map(row => row.name), ['ether1', 'ether2', 'ether3']);
	const [ether1] = rows;
	assert.equal(ether1.type, 'ether');
	assert.equal(ether1.mtu, '1500');
	assert.equal(ether1['actual-mtu'], '1500');
	assert.match(ether1['mac-address'], /^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
	assert.notEqual(ether1['mac-address'], rows[1]['mac-address']);
	assert.equal(ether1['rx-byte'], '0');
	assert.deepEqual(router.run('/interface/ethernet/remove', {numbers: 'ether1'}).traps, ['no such command']);
	assert.deepEqual(router.run('/interface/ethernet/add', {name: 'ether9'}).traps, ['no such command']);
});

test('mac addresses are the same on every run', () => {
	const mac = () => makeRouter().router.run('/interface/print').rows.map(row => row['mac-address']);
	assert.deepEqual(mac(), mac());
});

test('adding a vlan, bridge or pppoe-client also adds the /interface row with the same id', () => {
	const {router} = makeRouter();
	const vlan = router.run('/interface/vlan/add', {interface: 'ether1', 'vlan-id': '35'});
	const bridge = router.run('/interface/bridge/add', {});
	const pppoe = router.run('/interface/pppoe-client/add', {interface: 'ether2', user: 'isp'});
	const rows = router.run('/interface/print', {'.proplist': '.id,name,type'}, {queries: ['type=ether', '#!']}).rows;
	assert.deepEqual(rows, [
		{'.id': vlan.ret, name: 'vlan1', type: 'vlan'},
		{'.id': bridge.ret, name: 'bridge1', type: 'bridge'},
		{'.id': pppoe.ret, name: 'pppoe-out1', type: 'pppoe-out'},
	]);
	const vlanRow = router.run('/interface/vlan/print').rows[0];
	assert.equal(vlanRow['vlan-id'], '35');
	assert.equal(vlanRow['mac-address'], router.run('/interface/print').rows[0]['mac-address'], 'a vlan uses its parent\'s MAC');
	assert.equal(router.run('/interface/pppoe-client/print').rows[0]['add-default-route'], 'false');
	router.run('/interface/vlan/remove', {'.id': vlan.ret!});
	assert.equal(router.run('/interface/print', {'count-only': ''}).ret, '7');
});

test('interface names are unique and a vlan needs an existing parent and an id', () => {
	const {router} = makeRouter();
	assert.deepEqual(router.run('/interface/bridge/add', {name: 'ether1'}).traps, ['already have interface with such name']);
	assert.deepEqual(router.run('/interface/vlan/add', {interface: 'ether9', 'vlan-id': '5'}).traps, [
		'input does not match any value of interface',
	]);
	assert.deepEqual(router.run('/interface/vlan/add', {interface: 'ether1'}).traps, ['missing value(s) of argument(s) vlan-id']);
	assert.deepEqual(router.run('/interface/vlan/add', {interface: 'ether1', 'vlan-id': '5000'}).traps, [
		'value of vlan-id out of range (1..4095)',
	]);
});

test('renaming an interface carries over to everything that refers to it', () => {
	const {router} = makeRouter();
	router.run('/interface/list/add', {name: 'WAN'});
	router.run('/interface/list/member/add', {list: 'WAN', interface: 'ether1'});
	router.run('/ip/firewall/nat/add', {chain: 'srcnat', action: 'masquerade', 'out-interface': 'ether1'});
	router.run('/ip/firewall/mangle/add', {chain: 'prerouting', 'in-interface': '!ether1'});
	assert.deepEqual(router.run('/interface/ethernet/set', {numbers: 'ether1', name: 'wan1'}).traps, []);
	assert.equal(router.run('/interface/list/member/print').rows[0].interface, 'wan1');
	assert.equal(router.run('/ip/firewall/nat/print').rows[0]['out-interface'], 'wan1');
	assert.equal(router.run('/ip/firewall/mangle/print').rows[0]['in-interface'], '!wan1');
	assert.equal(router.run('/interface/ethernet/print').rows[0]['default-name'], 'ether1');
});

test('interface lists have the built-in ones, which cannot be removed', () => {
	const {router} = makeRouter();
	const rows = router.run('/interface/list/print').rows;
	assert.deepEqual(rows.map(row => row.name), ['all', 'none', 'dynamic', 'static']);
	assert.ok(rows.every(row => row.builtin === 'true'));
	assert.deepEqual(router.run('/interface/list/remove', {numbers: 'all'}).traps, ['failure: can not remove builtin']);
	assert.deepEqual(makeRouter('6.49.10').router.run('/interface/list/print').rows.map(row => row.name), ['all', 'none', 'dynamic']);
});

test('bridge ports need a bridge and an interface that is not already a port', () => {
	const {router} = makeRouter();
	router.run('/interface/bridge/add', {name: 'bridge'});
	assert.deepEqual(router.run('/interface/bridge/port/add', {bridge: 'ether2', interface: 'ether3'}).traps, [
		'input does not match any value of bridge',
	]);
	assert.deepEqual(router.run('/interface/bridge/port/add', {bridge: 'bridge', interface: 'ether3'}).traps, []);
	assert.deepEqual(router.run('/interface/bridge/port/add', {bridge: 'bridge', interface: 'ether3'}).traps, [
		'device already added as bridge port',
	]);
});

test('engine traffic shows in the interface counters, reset-counters zeroes them', async () => {
	const sim = await startSim({clock: 'manual', seed: 1});
	try {
		const row = () => sim.router.run('/interface/print', {}, {queries: ['name=ether1']}).rows[0];
		const before = Number(row()['rx-byte']);
		sim.step(5000);
		assert.ok(Number(row()['rx-byte']) > before, 'the WAN carries traffic');
		assert.ok(Number(row()['rx-packet']) > 0);
		sim.router.run('/interface/reset-counters', {numbers: 'ether1'});
		assert.equal(row()['rx-byte'], '0');
		assert.equal(row()['rx-packet'], '0');
	} finally {
		await sim.close();
	}
});

test('a model from an export header brings its board name and its ports', () => {
	const {router} = makeRouter('7.18.2', {model: 'CCR2116-12G-4S+'});
	assert.deepEqual(router.run('/interface/ethernet/print', {'.proplist': 'name'}).rows.map(row => row.name).slice(11), [
		'ether12', 'ether13', 'sfp-sfpplus1', 'sfp-sfpplus2', 'sfp-sfpplus3', 'sfp-sfpplus4',
	]);
	assert.equal(router.run('/system/resource/print').rows[0]['board-name'], 'CCR2116-12G-4S+');
	assert.equal(router.run('/system/routerboard/print').rows[0].model, 'CCR2116-12G-4S+');
	// An unknown board has the ports its export names (the loader makes them), none of its own.
	const unknown = makeRouter('7.18.2', {model: 'RB9999'}).router;
	assert.equal(unknown.run('/interface/ethernet/print', {'count-only': ''}).ret, '0');
});

test('an address once per interface, an interface once per list; a row may be set to what it holds', () => {
	const {router} = makeRouter();
	const address = {address: '192.0.2.2/24', interface: 'ether1'};
	const id = router.run('/ip/address/add', address).ret!;
	assert.deepEqual(router.run('/ip/address/add', address).traps, ['failure: already have such address']);
	assert.deepEqual(router.run('/ip/address/add', {...address, interface: 'ether2'}).traps, []);
	assert.deepEqual(router.run('/ip/address/set', {'.id': id, ...address}).traps, []);
	router.run('/interface/list/add', {name: 'WAN'});
	const member = {list: 'WAN', interface: 'ether1'};
	assert.deepEqual(router.run('/interface/list/member/add', member).traps, []);
	assert.deepEqual(router.run('/interface/list/member/add', member).traps, ['failure: already have such entry']);
	assert.deepEqual(router.run('/interface/list/member/add', {...member, interface: 'ether2'}).traps, []);
});
