import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {discover} from '../../source/pcc/discover.js';
import type {Topology} from '../../source/pcc/types.js';
import {configFromFixture, configFromRsc} from '../helpers/config-from-rsc.js';

/** One line per WAN: name, marks, buckets, share, gateways, check-gateway, interface, probes, masquerade. */
function wanLines(topology: Topology): string[] {
	return topology.wans.map(wan => [
		wan.name, [wan.connectionMark, ...wan.otherConnectionMarks].join('+') || '-', wan.routingMark || '-',
		`${wan.remainders.join(',') || '-'}/${topology.denominator}`, wan.share, wan.gateways.join(',') || '-',
		wan.checkGateway ?? '-', wan.interface ?? '-', wan.netwatch.map(probe => probe.host).join(',') || '-', wan.masquerade ? 'masq' : 'no-masq',
	].join(' '));
}

const findings = (topology: Topology) => topology.problems.map(problem => `${problem.code}:${problem.subject}`);

async function load(name: string): Promise<Topology> {
	const {config, load: result} = await configFromFixture(`exports/${name}`);
	assert.deepEqual(result.warnings, [], `${name} loads into the simulated router without a refused line`);
	return discover(config);
}

test('v7 two WANs, careful: the topology and not one finding', async () => {
	const topology = await load('v7-two-wan-clean.rsc');
	assert.deepEqual(wanLines(topology), [
		'wan1 wan1_conn wan1 0/2 0.5 203.0.113.1 ping ether1 1.1.1.1 masq',
		'wan2 wan2_conn wan2 1/2 0.5 198.51.100.1 ping ether2 9.9.9.9 masq',
	]);
	assert.equal(topology.fallbackMainRoute, true);
	assert.deepEqual(findings(topology), []);
});

test('v7 three WANs 5:3:2, one rule per remainder in a custom chain reached by jump', async () => {
	const topology = await load('v7-three-wan-5-3-2.rsc');
	assert.equal(topology.hash, 'both-addresses-and-ports');
	assert.deepEqual(wanLines(topology), [
		'to-fiber fiber to-fiber 0,1,2,3,4/10 0.5 203.0.113.9 ping ether1 1.0.0.1 masq',
		'to-cable cable to-cable 5,6,7/10 0.3 198.51.100.9 ping ether2 8.8.4.4 masq',
		'to-lte lte to-lte 8,9/10 0.2 192.0.2.9 ping ether3 9.9.9.10 masq',
	]);
	assert.deepEqual(findings(topology), []);
});

test('the seed\'s comma-list rules are refused by the router, so nothing is balanced', async () => {
	const {config, load: result} = await configFromFixture('seeds/seed-000-three-wan.rsc');
	assert.equal(result.warnings.length, 3);
	for (const warning of result.warnings) assert.match(warning.message, /per-connection-classifier: "[\d,]+" is a list; give one remainder per rule/);
	const topology = discover(config);
	assert.equal(topology.denominator, null);
	assert.deepEqual(topology.wans, []);
});

test('v7 2:1 over three buckets: DHCP uplink kept current by its script, PPPoE uplink, input-chain inbound marking', async () => {
	const topology = await load('v7-dhcp-pppoe-2to1.rsc');
	assert.deepEqual(wanLines(topology), [
		'isp1 isp1_conn isp1 0,1/3 0.6667 100.64.0.1,pppoe-out1 ping ether1 - masq',
		'isp2 isp2_conn isp2 2/3 0.3333 pppoe-out1 - pppoe-out1 - masq',
	]);
	assert.deepEqual(findings(topology), []);
});

test('v6 four WANs: jump into a custom chain, recursive gateways, a policy rule, an output-chain group', async () => {
	const topology = await load('v6-four-wan-jump-recursive.rsc');
	assert.equal(topology.routeros, 6);
	assert.deepEqual(wanLines(topology), [
		'to_isp1 isp1_conn to_isp1 0/4 0.25 8.8.8.8,203.0.113.1 ping ether1 8.8.8.8 masq',
		'to_isp2 isp2_conn to_isp2 1/4 0.25 8.8.4.4 ping ether2 8.8.4.4 masq',
		'to_isp3 isp3_conn to_isp3 2/4 0.25 192.0.2.1 ping ether3 - masq',
		'to_isp4 isp4_conn to_isp4 3/4 0.25 100.64.1.1 ping ether4 - masq',
	]);
	assert.deepEqual(topology.outputGroup, {hash: 'dst-address', denominator: 2, marks: {0: 'isp1_conn', 1: 'isp2_conn'}});
	assert.deepEqual(findings(topology), []);
});

test('v7 six WANs grown over years: each mistake reported once, with its subject', async () => {
	const topology = await load('v7-six-wan-mistakes.rsc');
	assert.equal(topology.wans.length, 6);
	assert.deepEqual(findings(topology), [
		'routing-mark-mismatch:wan2_conn',
		'missing-masquerade:ether4',
		'unused-routing-table:old_lte',
		'no-check-gateway:wan3',
		'static-gateway-on-dhcp-wan:wan6',
		'netwatch-flushes-all-connections:1.1.1.1',
		'netwatch-probe-unpinned:8.8.8.8',
		'duplicate-probe-host:8.8.8.8',
		'hotspot-with-pcc:',
		'comment-contradicts-rule:6/4',
	]);
});

test('v6 mid-rework: disabled old set ignored, the new set\'s mistakes reported', async () => {
	const topology = await load('v6-disabled-set-mistakes.rsc');
	assert.equal(topology.denominator, 4, 'the disabled 3-bucket set does not count');
	assert.deepEqual(wanLines(topology), [
		'to_isp1 isp1_conn to_isp1 0,1/4 0.5 pppoe-out1 - pppoe-out1 - masq',
		'to_isp2 isp2_conn to_isp2 1/4 0.25 198.51.100.1 ping ether2 - masq',
		'to_isp3 - to_isp3 2/4 0.25 192.0.2.1 ping ether3 - masq',
	]);
	assert.deepEqual(findings(topology), [
		'unassigned-bucket:4/3',
		'duplicate-bucket:4/1',
		'empty-interface-list:LAN',
		'empty-address-list:no_pcc',
		'connection-mark-without-routing:isp2_conn',
		'no-route-for-routing-mark:to_isp9',
		'no-main-default-route:',
		'mark-routing-uses-pcc:to_isp3',
		'missing-connection-state-new:isp2_conn',
		'no-inbound-mark:to_isp1',
		'no-inbound-mark:to_isp3',
	]);
});

test('v7 with a blanket accept on top: every rule below it for the bridge is shadowed', async () => {
	const topology = await load('v7-two-wan-shadowed.rsc');
	assert.deepEqual(findings(topology), ['rule-shadowed:wan1_conn', 'rule-shadowed:wan2_conn', 'rule-shadowed:wan1', 'rule-shadowed:wan2']);
});

test('v7 Chateau, DSL and LTE: the LTE uplink\'s egress from its route, or from its inbound mark where the route names only an address', async () => {
	const topology = await load('v7-chateau-lte-tunnels.rsc');
	assert.deepEqual(wanLines(topology), [
		'via-dsl dsl via-dsl 0/2 0.5 198.51.100.1 ping ether1 - masq',
		'via-lte lte via-lte 1/2 0.5 lte1 - lte1 - masq',
	]);
	// The modem's peer address, on no subnet of the router's: only `in-interface=lte1 ... new-connection-mark=lte` ties it to lte1.
	const text = await readFile(new URL('../fixtures/exports/v7-chateau-lte-tunnels.rsc', import.meta.url), 'utf8');
	const {config, load: result} = await configFromRsc(text.replaceAll(/gateway=lte1( routing-table=via-lte)?$/gm, 'gateway=10.64.64.64$1'));
	assert.deepEqual(result.warnings, []);
	const peer = discover(config);
	assert.deepEqual(peer.wans.map(wan => [wan.name, wan.gateways, wan.interface]), [['via-dsl', ['198.51.100.1'], 'ether1'], ['via-lte', ['10.64.64.64'], 'lte1']]);
	assert.ok(findings(peer).includes('no-check-gateway:via-lte'), 'an address gateway nothing checks is said');
	assert.ok(!findings(topology).includes('no-check-gateway:via-lte'), 'an interface gateway goes down with its interface');
});
