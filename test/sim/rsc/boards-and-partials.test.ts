import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ConnectionTable} from '../../../source/sim/engine/conntrack.js';
import {SimRouter} from '../../../source/sim/router.js';
import {createdSummary, loadRsc} from '../../../source/sim/rsc/load.js';
import {parseRsc} from '../../../source/sim/rsc/parse.js';
import {versionFor} from '../../../source/sim/rsc/version.js';

/** As `--rsc` does it: the version and board from the script, then the script. */
function load(lines: string[]) {
	const script = parseRsc(lines.join('\n'));
	const router = new SimRouter({version: versionFor(script).version, conntrack: new ConnectionTable(), now: () => Date.UTC(2025, 0, 15), model: script.model});
	return {router, result: loadRsc(router, script)};
}

const names = (router: SimRouter, path = '/interface') => router.run(`${path}/print`).rows.map(row => row.name);

test('the board in the header brings its real ports: an RB4011 has ether10 and sfp-sfpplus1, and no ether11', () => {
	const {router, result} = load([
		'# 2021-04-26 00:10:06 by RouterOS 7.16.2',
		'# model = RB4011iGS+',
		'/interface ethernet set [ find default-name=ether10 ] comment=LAN',
		'/interface ethernet set [ find default-name=sfp-sfpplus1 ] disabled=yes',
		'/interface ethernet set [ find default-name=ether11 ] comment=none',
	]);
	assert.deepEqual(names(router), [...Array.from({length: 10}, (_v, i) => `ether${i + 1}`), 'sfp-sfpplus1']);
	assert.deepEqual(result.warnings.map(warning => warning.line), [5]);
	assert.deepEqual(result.created, []);
});

test('a Chateau has lte1 and wlan1/wlan2 in their own menus; an hAP ax3 has wifi1 and wifi2', () => {
	assert.deepEqual(load(['# model = RBD53G-5HacD2HnD', '/interface lte set [ find default-name=lte1 ] allow-roaming=no']).result.warnings, []);
	const chateau = load(['# model = RBD53G-5HacD2HnD']).router;
	assert.deepEqual(chateau.run('/interface/lte/print').rows.map(row => row.name), ['lte1']);
	assert.deepEqual(chateau.run('/interface/wireless/print').rows.map(row => row.name), ['wlan1', 'wlan2']);
	assert.deepEqual(load(['# by RouterOS 7.18.2', '# model = C52iG-5HaxD2HaxD']).router.run('/interface/wifi/print').rows.map(row => row.name), ['wifi1', 'wifi2']);
});

test('an unknown model gets the ports the export names by default-name', () => {
	const {router, result} = load([
		'# model = RB9999-Imaginary',
		'/interface ethernet set [ find default-name=ether1 ] name=wan',
		'/interface ethernet set [ find default-name=sfp28-1 ] name=uplink',
		'/interface wireless set [ find default-name=wlan1 ] ssid=home',
	]);
	assert.deepEqual(result.warnings, []);
	assert.deepEqual(names(router).sort(), ['uplink', 'wan', 'wlan1']);
	assert.equal(router.run('/interface/print', {}, {queries: ['name=wlan1']}).rows[0].type, 'wlan');
});

test('a partial export: ports it names but never creates are made once and said so; tables and lists are not', () => {
	const {router, result} = load([
		'/ip firewall mangle',
		'add chain=prerouting in-interface=lan-bridge action=mark-connection new-connection-mark=c1 per-connection-classifier=both-addresses:2/0',
		'add chain=prerouting in-interface=lan-bridge action=mark-routing connection-mark=c1 new-routing-mark=wan1',
		'add chain=prerouting in-interface-list=LAN src-address-list=inside action=accept',
		'/ip route',
		'add gateway=192.0.2.1%wan-a routing-table=wan1',
		'add gateway=pppoe-b',
		'/interface pppoe-client add name=pppoe-b interface=ether1',
	]);
	assert.deepEqual(result.created, ['lan-bridge', 'wan-a']);
	assert.equal(createdSummary(result), 'created lan-bridge, wan-a as ethernet ports: the configuration names them but never creates them');
	assert.equal(router.run('/interface/print', {}, {queries: ['name=pppoe-b']}).rows[0].type, 'pppoe-out', 'what the script creates itself is not pre-made');
	// No routing table wan1, no interface list LAN, and pppoe-b only after the route naming it:
	// those lines are refused, as a router refuses them.
	assert.deepEqual(result.warnings.map(warning => warning.line), [3, 4, 6, 7]);
	assert.deepEqual(names(router, '/routing/table'), ['main']);
});

test('export syntax: !prop, set 0, set [ find default=yes ], bare blackhole, gateway@table, gateway=IP%port, shortened names', () => {
	const {router, result} = load([
		'# by RouterOS 7.18.2',
		'/routing table add name=isp fib',
		'/ppp profile set *0 !dns-server change-tcp-mss=no',
		'/queue type set 0 pfifo-limit=40',
		'/snmp community set [ find default=yes ] addresses=10.0.0.0/8',
		'/ip route add blackhole disabled=no dst-address=10.0.0.0/8 gateway="" routing-table=main',
		'/ip route add dst-address=0.0.0.0/0 gateway=192.0.2.1@main routing-table=isp',
		'/ip route add dst-address=0.0.0.0/0 gateway=198.51.100.1%ether2',
		'/ip firewall nat add chain=dstnat action=dst-nat to-address=192.168.88.10 to-port=80 protocol=tcp dst-port=8080',
		'/routing bgp connection add name=t as=64512 remote.address=203.0.113.1 .as=64496 local.role=ebgp',
	]);
	assert.deepEqual(result.warnings, []);
	assert.equal(router.run('/queue/type/print').rows[0]['pfifo-limit'], '40');
	assert.equal(router.run('/snmp/community/print').rows[0].addresses, '10.0.0.0/8');
	assert.deepEqual(router.run('/ip/route/print', {}, {queries: ['blackhole=yes']}).rows.map(row => row['dst-address']), ['10.0.0.0/8']);
	assert.deepEqual(router.run('/ip/firewall/nat/print').rows.map(row => [row['to-addresses'], row['to-ports']]), [['192.168.88.10', '80']]);
	assert.equal(router.run('/routing/bgp/connection/print').rows[0]['remote.as'], '64496');
});

test('an export from before 6.41 switches ports by master-port and sets discovery per interface', () => {
	const lines = (version: string) => [
		`# jan/02/2017 10:00:00 by RouterOS ${version}`,
		'/interface bridge add name=bridge-lan',
		'/interface ethernet set [ find default-name=ether3 ] master-port=ether2',
		'/ip neighbor discovery',
		'set ether1 discover=no',
		'set bridge-lan discover=yes',
	];
	const old = load(lines('6.38.5'));
	assert.deepEqual(old.result.warnings, []);
	assert.equal(old.router.run('/interface/ethernet/print').rows.find(row => row.name === 'ether3')?.['master-port'], 'ether2');
	const discovery = old.router.run('/ip/neighbor/discovery/print').rows;
	assert.deepEqual(discovery.filter(row => row.name === 'ether1' || row.name === 'bridge-lan').map(row => [row.name, row.discover]), [['ether1', 'false'], ['bridge-lan', 'true']]);
	assert.equal(discovery.length, names(old.router).length, 'a row for every interface');
	assert.ok(!('discover' in (old.router.run('/interface/print').rows[0] ?? {})), 'the interfaces themselves do not show it');

	// 6.45 has neither: its bridges took the ports, and discovery follows an interface list.
	const newer = load(lines('6.45.9'));
	assert.deepEqual(newer.result.warnings.map(warning => warning.line), [3, 5, 6]);
});
