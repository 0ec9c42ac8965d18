import {test} from 'node:test';
import assert from 'node:assert/strict';
import {discover} from '../../source/pcc/discover.js';
import type {RouterConfig} from '../../source/pcc/types.js';
import {routerConfig, rows} from './helpers/rows.js';
import {seedTwoToOne, seedTwoWanEqual} from './helpers/seeds.js';

const codes = (config: RouterConfig): string[] => discover(config).problems.map(problem => `${problem.code}:${problem.subject}`);

test('seed 2-WAN equal: both WANs, their buckets, gateways and interfaces', () => {
	const topology = discover(seedTwoWanEqual());
	assert.equal(topology.hash, 'both-addresses-and-ports');
	assert.equal(topology.denominator, 2);
	assert.equal(topology.fallbackMainRoute, true);
	assert.equal(topology.outputGroup, null);
	assert.deepEqual(topology.wans, [
		{name: 'wan1', connectionMark: 'wan1_conn', otherConnectionMarks: [], routingMark: 'wan1', table: 'wan1', remainders: [0], share: 0.5,
			gateways: ['203.0.113.1'], checkGateway: 'ping', interface: 'ether1', netwatch: [], masquerade: true, pccRuleIds: ['*1']},
		{name: 'wan2', connectionMark: 'wan2_conn', otherConnectionMarks: [], routingMark: 'wan2', table: 'wan2', remainders: [1], share: 0.5,
			gateways: ['198.51.100.1'], checkGateway: 'ping', interface: 'ether2', netwatch: [], masquerade: true, pccRuleIds: ['*3']},
	]);
	// The seed marks nothing inbound; that is the only thing to say about it.
	assert.deepEqual(codes(seedTwoWanEqual()), ['no-inbound-mark:wan1', 'no-inbound-mark:wan2']);
});

function threeWan(mangle: string[]): RouterConfig {
	return routerConfig(7, {
		interfaces: rows('name=ether1 type=ether', 'name=ether2 type=ether', 'name=ether3 type=ether', 'name=bridge type=bridge'),
		addresses: rows('address=203.0.113.2/24 interface=ether1', 'address=198.51.100.2/24 interface=ether2', 'address=192.0.2.2/24 interface=ether3'),
		routingTables: rows('name=main dynamic=true', 'name=wan1 fib=true', 'name=wan2 fib=true', 'name=wan3 fib=true'),
		routes: rows(
			'dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-table=wan1 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=198.51.100.1 routing-table=wan2 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=192.0.2.1 routing-table=wan3 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=203.0.113.1 distance=1 check-gateway=ping',
		),
		mangle: rows(...mangle),
		nat: rows('chain=srcnat action=masquerade out-interface=ether1', 'chain=srcnat action=masquerade out-interface=ether2', 'chain=srcnat action=masquerade out-interface=ether3'),
	});
}

const routing = (n: number) => `chain=prerouting action=mark-routing new-routing-mark=wan${n} passthrough=false connection-mark=wan${n}_conn in-interface=bridge`;
const pcc = (n: number, value: string) => `chain=prerouting action=mark-connection new-connection-mark=wan${n}_conn passthrough=true connection-state=new per-connection-classifier=${value}`;

test('seed 3-WAN weighted, as the seed writes it (comma lists): read, and flagged invalid', () => {
	const config = threeWan([
		pcc(1, 'both-addresses-and-ports:10/0,1,2,3,4'), routing(1),
		pcc(2, 'both-addresses-and-ports:10/5,6,7'), routing(2),
		pcc(3, 'both-addresses-and-ports:10/8,9'), routing(3),
	]);
	const topology = discover(config);
	assert.equal(topology.denominator, 10);
	assert.deepEqual(topology.wans.map(wan => [wan.name, wan.remainders, wan.share]), [
		['wan1', [0, 1, 2, 3, 4], 0.5], ['wan2', [5, 6, 7], 0.3], ['wan3', [8, 9], 0.2],
	]);
	assert.deepEqual(codes(config).filter(code => code.startsWith('invalid')), [
		'invalid-pcc-syntax:both-addresses-and-ports:10/0,1,2,3,4',
		'invalid-pcc-syntax:both-addresses-and-ports:10/5,6,7',
		'invalid-pcc-syntax:both-addresses-and-ports:10/8,9',
	]);
	assert.deepEqual(codes(config).filter(code => code.includes('bucket')), [], 'the buckets it means are all there');
});

test('3-WAN 5/3/2 written the RouterOS way, one rule per remainder', () => {
	const owner = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3];
	const config = threeWan([
		...owner.map((wan, remainder) => pcc(wan, `both-addresses-and-ports:10/${remainder}`)),
		routing(1), routing(2), routing(3),
	]);
	const topology = discover(config);
	assert.deepEqual(topology.wans.map(wan => [wan.name, wan.remainders, wan.share, wan.pccRuleIds.length]), [
		['wan1', [0, 1, 2, 3, 4], 0.5, 5], ['wan2', [5, 6, 7], 0.3, 3], ['wan3', [8, 9], 0.2, 2],
	]);
	assert.deepEqual(codes(config).filter(code => !code.startsWith('no-inbound-mark')), []);
});

for (const chain of ['prerouting', 'input'] as const) {
	test(`seed 2:1 over 3 buckets with ${chain}-chain inbound marking, a DHCP and a PPPoE WAN`, () => {
		const config = seedTwoToOne(chain);
		const topology = discover(config);
		assert.equal(topology.denominator, 3);
		assert.deepEqual(topology.wans.map(wan => ({name: wan.name, remainders: wan.remainders, share: wan.share, gateways: wan.gateways, interface: wan.interface, ids: wan.pccRuleIds})), [
			{name: 'isp1', remainders: [0, 1], share: 0.6667, gateways: ['100.64.0.1'], interface: 'ether1', ids: ['*5', '*7']},
			{name: 'isp2', remainders: [2], share: 0.3333, gateways: ['pppoe-out1'], interface: 'pppoe-out1', ids: ['*6']},
		]);
		// The DHCP script rewrites the isp1 route by comment; the PPPoE route is an interface gateway.
		assert.deepEqual(codes(config), ['no-check-gateway:isp1']);
	});
}

test('RouterOS 6: routing marks on routes, a custom chain reached by jump, recursive gateways, an output group', () => {
	const config = routerConfig(6, {
		interfaces: rows('name=ether1 type=ether', 'name=ether2 type=ether', 'name=ether3 type=ether', 'name=ether4 type=ether', 'name=bridge-lan type=bridge'),
		addresses: rows('address=203.0.113.2/30 network=203.0.113.0 interface=ether1', 'address=198.51.100.2/30 network=198.51.100.0 interface=ether2',
			'address=192.0.2.2/30 network=192.0.2.0 interface=ether3', 'address=100.64.1.2/30 network=100.64.1.0 interface=ether4'),
		routes: rows(
			'dst-address=8.8.8.8/32 gateway=203.0.113.1 scope=10',
			'dst-address=8.8.4.4/32 gateway=198.51.100.1 scope=10',
			'dst-address=0.0.0.0/0 gateway=8.8.8.8 routing-mark=to_isp1 target-scope=30 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-mark=to_isp1 distance=2',
			'dst-address=0.0.0.0/0 gateway=8.8.4.4 routing-mark=to_isp2 target-scope=30 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=192.0.2.1,100.64.1.1 routing-mark=to_isp34 check-gateway=ping',
			'dst-address=0.0.0.0/0 gateway=203.0.113.1 distance=1 check-gateway=ping',
		),
		mangle: rows(
			'chain=prerouting action=accept dst-address=192.168.88.1 comment="management: skip PCC"',
			'chain=prerouting action=jump jump-target=pcc in-interface=bridge-lan connection-mark=no-mark',
			'chain=pcc action=mark-connection per-connection-classifier=src-address:4/0 new-connection-mark=isp1_conn',
			'chain=pcc action=mark-connection per-connection-classifier=src-address:4/1 new-connection-mark=isp2_conn',
			'chain=pcc action=mark-connection per-connection-classifier=src-address:4/2 new-connection-mark=isp34_conn',
			'chain=pcc action=mark-connection per-connection-classifier=src-address:4/3 new-connection-mark=isp34_conn',
			'chain=pcc action=jump jump-target=routing-marks',
			'chain=routing-marks action=jump jump-target=pcc comment="a loop, cut by the walker"',
			'chain=prerouting action=mark-routing connection-mark=isp1_conn new-routing-mark=to_isp1 passthrough=false',
			'chain=prerouting action=mark-routing connection-mark=isp2_conn new-routing-mark=to_isp2 passthrough=false',
			'chain=prerouting action=mark-routing connection-mark=isp34_conn new-routing-mark=to_isp34 passthrough=false',
			'chain=output action=mark-connection connection-mark=no-mark per-connection-classifier=dst-address:2/0 new-connection-mark=isp1_conn',
			'chain=output action=mark-connection connection-mark=no-mark per-connection-classifier=dst-address:2/1 new-connection-mark=isp2_conn',
			'chain=output action=mark-routing connection-mark=isp1_conn new-routing-mark=to_isp1 passthrough=false',
			'chain=output action=mark-routing connection-mark=isp2_conn new-routing-mark=to_isp2 passthrough=false',
			'chain=prerouting action=mark-connection in-interface=ether1 connection-mark=no-mark new-connection-mark=isp1_conn',
			'chain=prerouting action=mark-connection in-interface=ether2 connection-mark=no-mark new-connection-mark=isp2_conn',
			'chain=prerouting action=mark-connection in-interface-list=WAN34 connection-mark=no-mark new-connection-mark=isp34_in',
			'chain=output action=mark-routing connection-mark=isp34_in new-routing-mark=to_isp34 passthrough=false',
		),
		interfaceLists: rows('name=WAN34'),
		interfaceListMembers: rows('list=WAN34 interface=ether3', 'list=WAN34 interface=ether4'),
		nat: rows('chain=srcnat action=jump jump-target=masq', 'chain=masq action=masquerade out-interface=ether1', 'chain=masq action=masquerade out-interface=ether2', 'chain=masq action=masquerade out-interface-list=WAN34'),
		netwatch: rows('host=8.8.8.8 status=up', 'host=8.8.4.4 status=down since="jan/02/2024 13:45:00"'),
	});
	const topology = discover(config);
	assert.equal(topology.routeros, 6);
	assert.equal(topology.hash, 'src-address');
	assert.deepEqual(topology.wans.map(wan => ({
		name: wan.name, mark: wan.connectionMark, others: wan.otherConnectionMarks, remainders: wan.remainders,
		gateways: wan.gateways, check: wan.checkGateway, iface: wan.interface, probes: wan.netwatch.map(probe => `${probe.host}:${probe.status}`),
	})), [
		{name: 'to_isp1', mark: 'isp1_conn', others: [], remainders: [0], gateways: ['8.8.8.8', '203.0.113.1'], check: 'ping', iface: 'ether1', probes: ['8.8.8.8:up']},
		{name: 'to_isp2', mark: 'isp2_conn', others: [], remainders: [1], gateways: ['8.8.4.4'], check: 'ping', iface: 'ether2', probes: ['8.8.4.4:down']},
		{name: 'to_isp34', mark: 'isp34_conn', others: ['isp34_in'], remainders: [2, 3], gateways: ['192.0.2.1', '100.64.1.1'], check: 'ping', iface: 'ether3', probes: []},
	]);
	assert.deepEqual(topology.outputGroup, {hash: 'dst-address', denominator: 2, marks: {0: 'isp1_conn', 1: 'isp2_conn'}});
	assert.deepEqual(codes(config), []);
});

test('a disabled rule set is ignored; the enabled set decides', () => {
	const config = threeWan([
		...[1, 2, 3].map(n => `${pcc(n, `both-addresses:3/${n - 1}`)} disabled=true`),
		pcc(1, 'both-addresses:2/0'), pcc(2, 'both-addresses:2/1'),
		routing(1), routing(2),
	]);
	const topology = discover(config);
	assert.equal(topology.denominator, 2);
	assert.deepEqual(topology.wans.map(wan => wan.name), ['wan1', 'wan2']);
	assert.deepEqual(codes(config).filter(code => !code.startsWith('no-inbound')), ['unused-routing-table:wan3']);
});

test('pins and management marks are not WANs', () => {
	const config = threeWan([
		'chain=prerouting action=mark-connection in-interface=bridge src-address=192.168.88.10 new-connection-mark=pin_voip',
		'chain=prerouting action=mark-routing connection-mark=pin_voip new-routing-mark=wan3 passthrough=false',
		'chain=prerouting action=mark-routing dst-address=10.99.0.0/16 new-routing-mark=mgmt passthrough=false',
		pcc(1, 'both-addresses:2/0'), pcc(2, 'both-addresses:2/1'), routing(1), routing(2),
	]);
	assert.deepEqual(discover(config).wans.map(wan => wan.name), ['wan1', 'wan2']);
});

test('ECMP gateway lists are expanded and @table / %interface suffixes dropped', () => {
	const config = seedTwoWanEqual();
	config.routes = rows(
		'dst-address=0.0.0.0/0 gateway=203.0.113.1%ether1,203.0.113.5@main routing-table=wan1 check-gateway=ping distance=1',
		'dst-address=0.0.0.0/0 gateway=198.51.100.1 routing-table=wan2 check-gateway=ping distance=3',
		'dst-address=0.0.0.0/0 gateway=198.51.100.9 routing-table=wan2 distance=2',
		'dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-table=main',
	);
	const [wan1, wan2] = discover(config).wans;
	assert.deepEqual(wan1.gateways, ['203.0.113.1', '203.0.113.5']);
	assert.deepEqual(wan2.gateways, ['198.51.100.9', '198.51.100.1'], 'least distance first');
	assert.equal(wan2.checkGateway, null, 'the check-gateway of the least-distance route');
});

test('egress interface from a v7 DHCP client that installs into the table, or from a srcnat rule', () => {
	const config = seedTwoWanEqual();
	config.addresses = [];
	config.routes = rows('dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-table=wan2 check-gateway=ping');
	config.dhcpClients = rows('interface=ether1 default-route-tables=wan1');
	config.nat = rows('chain=srcnat action=masquerade out-interface=ether2 routing-mark=wan2');
	const [wan1, wan2] = discover(config).wans;
	assert.equal(wan1.interface, 'ether1');
	assert.deepEqual(wan1.gateways, [], 'the DHCP route is dynamic and not in this configuration');
	assert.equal(wan2.interface, 'ether2');
	assert.deepEqual(codes(config).filter(code => code.startsWith('no-route')), [], 'the DHCP client provides wan1\'s route');
});

test('six WANs over six buckets, rules in a custom chain, v7 routing rule mapping a mark to a table', () => {
	const wans = [1, 2, 3, 4, 5, 6];
	const config = routerConfig(7, {
		interfaces: rows(...wans.map(n => `name=ether${n} type=ether`), 'name=bridge type=bridge'),
		addresses: rows(...wans.map(n => `address=10.${n}.0.2/24 network=10.${n}.0.0 interface=ether${n}`)),
		routingTables: rows('name=main dynamic=true', ...wans.map(n => `name=t${n} fib=true`)),
		routingRules: rows(...wans.map(n => `routing-mark=m${n} action=lookup-only-in-table table=t${n}`)),
		routes: rows(...wans.map(n => `dst-address=0.0.0.0/0 gateway=10.${n}.0.1 routing-table=t${n} check-gateway=ping`), 'dst-address=0.0.0.0/0 gateway=10.1.0.1'),
		mangle: rows(
			'chain=prerouting action=jump jump-target=balance in-interface=bridge connection-state=new',
			...wans.map(n => `chain=balance action=mark-connection per-connection-classifier=both-addresses-and-ports:6/${n - 1} new-connection-mark=c${n}`),
			...wans.map(n => `chain=prerouting action=mark-routing connection-mark=c${n} in-interface=bridge new-routing-mark=m${n} passthrough=false`),
			...wans.map(n => `chain=prerouting action=mark-connection in-interface=ether${n} connection-mark=no-mark new-connection-mark=c${n}`),
		),
		nat: rows('chain=srcnat action=masquerade'),
	});
	const topology = discover(config);
	assert.deepEqual(topology.wans.map(wan => `${wan.name}/${wan.routingMark}/${wan.connectionMark}/${wan.remainders.join()}/${wan.interface}`),
		wans.map(n => `t${n}/m${n}/c${n}/${n - 1}/ether${n}`));
	assert.deepEqual(codes(config), []);
});

test('a router without PCC: no group, no WANs, nothing to report', () => {
	const config = routerConfig(7, {
		interfaces: rows('name=ether1 type=ether'),
		routes: rows('dst-address=0.0.0.0/0 gateway=203.0.113.1'),
		mangle: rows('chain=prerouting action=mark-routing dst-address=10.99.0.0/16 new-routing-mark=main passthrough=false'),
	});
	const topology = discover(config);
	assert.deepEqual([topology.hash, topology.denominator, topology.wans, topology.outputGroup, topology.problems], [null, null, [], null, []]);
});
