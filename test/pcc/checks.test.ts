import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {discover} from '../../source/pcc/discover.js';
import type {Problem, ProblemCode, Topology} from '../../source/pcc/types.js';
import {configFromRsc} from '../helpers/config-from-rsc.js';

/** An export from test/fixtures/exports, changed line by line as an engineer would edit it. */
async function exportText(name: string): Promise<string> {
	return readFile(new URL(`../fixtures/exports/${name}`, import.meta.url), 'utf8');
}

/** Loads the text as /import would and discovers it; every line must be one the router takes. */
async function topologyOf(text: string): Promise<Topology> {
	const {config, load} = await configFromRsc(text);
	assert.deepEqual(load.warnings, [], 'the export loads without a refused line');
	return discover(config);
}

function edit(text: string, from: string | RegExp, to: string): string {
	const next = text.replace(from, to);
	assert.notEqual(next, text, `the edit ${String(from)} applies`);
	return next;
}

const findings = (topology: Topology): string[] => topology.problems.map(problem => `${problem.code}:${problem.subject}`);
const only = (topology: Topology, code: ProblemCode): Problem[] => topology.problems.filter(problem => problem.code === code);

test('fasttrack-bypasses-pcc: the default fasttrack rule left in front of PCC (v7 defconf)', async () => {
	const text = await exportText('checks-v7-defconf-fasttrack.rsc');
	const topology = await topologyOf(text);
	assert.deepEqual(findings(topology), ['fasttrack-bypasses-pcc:']);
	const [problem] = only(topology, 'fasttrack-bypasses-pcc');
	assert.equal(problem.severity, 'error');
	assert.match(problem.message, /add connection-mark=no-mark/);

	const guarded = edit(text, 'comment="defconf: fasttrack" connection-state', 'comment="defconf: fasttrack" connection-mark=no-mark connection-state');
	assert.deepEqual(findings(await topologyOf(guarded)), [], 'only unmarked connections are fasttracked');
	const disabled = edit(text, 'add action=fasttrack-connection chain=forward', 'add action=fasttrack-connection chain=forward disabled=yes');
	assert.deepEqual(findings(await topologyOf(disabled)), []);
	const noPcc = text.replace(/^add .*per-connection-classifier.*$/gm, '');
	assert.deepEqual(only(await topologyOf(noPcc), 'fasttrack-bypasses-pcc'), [], 'without PCC fasttrack breaks nothing here');
});

test('impossible-remainder and duplicate-pcc-rule: a typo and a pasted rule (v6)', async () => {
	const text = await exportText('checks-v6-three-wan-slips.rsc');
	const topology = await topologyOf(text);
	assert.deepEqual(findings(topology), ['impossible-remainder:3/3', 'unassigned-bucket:3/2', 'duplicate-pcc-rule:3/0']);
	assert.equal(only(topology, 'impossible-remainder')[0].severity, 'error');
	assert.match(only(topology, 'impossible-remainder')[0].message, /isp3_conn .* remainder from 0 to 2/);
	assert.match(only(topology, 'duplicate-pcc-rule')[0].message, /mark 3\/0 as isp1_conn/);
	assert.deepEqual(topology.wans.map(wan => wan.remainders), [[0], [1], []]);

	const fixed = edit(edit(text, 'per-connection-classifier=src-address:3/3', 'per-connection-classifier=src-address:3/2'),
		/^add .*comment="isp1 again".*$/m, '');
	assert.deepEqual(findings(await topologyOf(fixed)), []);
	const otherLan = edit(text, 'comment="isp1 again" connection-mark=no-mark dst-address-type=!local in-interface-list=LAN', 'comment="isp1 again" connection-mark=no-mark dst-address-type=!local in-interface=ether6');
	assert.deepEqual(only(await topologyOf(otherLan), 'duplicate-pcc-rule'), [], 'the same bucket for traffic from another interface is another rule');
});

test('impossible-remainder: the same typo on RouterOS 7, negated, matches everything', async () => {
	const text = await exportText('checks-v7-defconf-fasttrack.rsc');
	const negated = edit(text, 'per-connection-classifier=both-addresses-and-ports:2/1', 'per-connection-classifier=!both-addresses-and-ports:2/2');
	const [problem] = only(await topologyOf(negated), 'impossible-remainder');
	assert.equal(problem.subject, '2/2');
	assert.match(problem.message, /matches every connection/);
});

test('static-gateway-on-dhcp-wan: a DHCP client, netwatch or scheduler script that sets the route\'s gateway keeps it current', async () => {
	const text = await exportText('checks-v7-dhcp-scripts.rsc');
	const topology = await topologyOf(text);
	// to_wan2's client script sets routes whose comment matches WAN2; to_wan4's netwatch up-script
	// sets every route of table to_wan4; nothing touches to_wan3's.
	assert.deepEqual(only(topology, 'static-gateway-on-dhcp-wan').map(problem => problem.subject), ['to_wan3']);
	assert.match(only(topology, 'static-gateway-on-dhcp-wan')[0].message, /fixed gateway 100\.64\.30\.1, which no script keeps current/);

	const otherComment = edit(text, 'comment~\\"WAN2\\"', 'comment~\\"WAN9\\"');
	assert.deepEqual(only(await topologyOf(otherComment), 'static-gateway-on-dhcp-wan').map(problem => problem.subject), ['to_wan2', 'to_wan3']);
	const logsOnly = edit(text, '/ip route set [find routing-table=to_wan4] gateway=\\$gw', ':log info \\$gw');
	assert.deepEqual(only(await topologyOf(logsOnly), 'static-gateway-on-dhcp-wan').map(problem => problem.subject), ['to_wan3', 'to_wan4']);

	const {config} = await configFromRsc(text);
	config.scheduler = [{'.id': '*1', name: 'wan3-gw', 'on-event': 'wan3-gateway', interval: '1m', disabled: 'false'}];
	config.scripts = [{'.id': '*1', name: 'wan3-gateway', source: ':local gw [/ip dhcp-client get [find interface=ether3] gateway]\r\n/ip route set [find comment=WAN3] gateway=$gw', disabled: 'false'}];
	assert.deepEqual(discover(config).problems.filter(problem => problem.code === 'static-gateway-on-dhcp-wan'), [], 'a scheduled script keeps it current too');
});

test('netwatch-flushes-all-connections: scripts as exports write them, a menu line then [find] on the next', async () => {
	const text = await exportText('checks-v7-dhcp-scripts.rsc');
	assert.deepEqual(only(await topologyOf(text), 'netwatch-flushes-all-connections').map(problem => problem.subject), ['9.9.9.9']);
	const scoped = edit(text, ':foreach c in=[find] do={ remove \\$c }', ':foreach c in=[find where connection-mark=wan4_conn] do={ remove \\$c }');
	assert.deepEqual(only(await topologyOf(scoped), 'netwatch-flushes-all-connections'), []);
	const slashes = edit(text, '/ip firewall connection\\r\\\n    \\n:foreach c in=[find] do={ remove \\$c }', '/ip/firewall/connection/remove [ find ]');
	assert.deepEqual(only(await topologyOf(slashes), 'netwatch-flushes-all-connections').map(problem => problem.subject), ['9.9.9.9']);
	const printOnly = edit(text, ':foreach c in=[find] do={ remove \\$c }', ':log info [:len [find]]');
	assert.deepEqual(only(await topologyOf(printOnly), 'netwatch-flushes-all-connections'), [], 'counting connections removes none');
});

test('netwatch-probe-unpinned: a host route only in the WAN\'s table does not carry the router\'s own probe', async () => {
	const text = await exportText('checks-v7-dhcp-scripts.rsc');
	const [problem] = only(await topologyOf(text), 'netwatch-probe-unpinned');
	assert.equal(problem.subject, '9.9.9.9');
	assert.match(problem.message, /for to_wan4 follows main's default route \(its host route is only in table to_wan4/);

	const inMain = edit(text, 'dst-address=9.9.9.9/32 gateway=100.64.40.1 routing-table=to_wan4', 'dst-address=9.9.9.9/32 gateway=100.64.40.1 routing-table=main');
	assert.deepEqual(only(await topologyOf(inMain), 'netwatch-probe-unpinned'), []);
	const marked = edit(text, '/ip firewall nat', 'add action=mark-routing chain=output dst-address=9.9.9.9 new-routing-mark=to_wan4 passthrough=no\n/ip firewall nat');
	assert.deepEqual(only(await topologyOf(marked), 'netwatch-probe-unpinned'), [], 'output mark-routing sends the probe by the WAN\'s table');
	const ruled = edit(text, '/tool netwatch', '/routing rule\nadd action=lookup-only-in-table disabled=no dst-address=9.9.9.9/32 table=to_wan4\n/tool netwatch');
	assert.deepEqual(only(await topologyOf(ruled), 'netwatch-probe-unpinned'), [], 'so does a routing rule for the probe host');
	const nowhere = edit(text, /^add disabled=no distance=1 dst-address=9\.9\.9\.9\/32.*$/m, '');
	assert.match(only(await topologyOf(nowhere), 'netwatch-probe-unpinned')[0].message, /it has no host route towards it/);
});

test('duplicate-probe-host: the host two WANs\' probes share, not one probe whose script names two WANs', async () => {
	const text = await exportText('checks-v7-dhcp-scripts.rsc');
	// A failover down-script for wan1 that also names wan2's table is still wan1's probe.
	const failover = edit(text, 'down-script="/ip firewall connection remove [find connection-mark=wan1_conn]"',
		'down-script="/ip firewall connection remove [find connection-mark=wan1_conn]\\r\\\n    \\n/ip route set [find routing-table=to_wan2] distance=1"');
	const topology = await topologyOf(failover);
	assert.deepEqual(only(topology, 'duplicate-probe-host'), []);
	assert.deepEqual(topology.wans.map(wan => wan.netwatch.map(probe => probe.host)), [['1.0.0.1'], [], [], ['9.9.9.9']]);
	const shared = edit(text, 'host=9.9.9.9', 'host=1.0.0.1');
	assert.deepEqual(only(await topologyOf(shared), 'duplicate-probe-host').map(problem => problem.subject), ['1.0.0.1']);
});

test('no-inbound-mark: marking by the WAN\'s address, in forward for port forwards, with the LAN-side mark, or nowhere known (v6)', async () => {
	const text = await exportText('checks-v6-inbound-shapes.rsc');
	const topology = await topologyOf(text);
	assert.deepEqual(topology.wans.map(wan => [wan.name, wan.interface]), [['to_wan1', 'ether1'], ['to_wan2', 'ether2'], ['to_wan3', 'ether3'], ['to_wan4', null]]);
	assert.deepEqual(findings(topology), [], 'each uplink with a known port marks what arrives on it; to_wan4\'s port is unknown');

	const noForward = edit(text, /^add action=mark-connection chain=forward .*$/m, '');
	assert.deepEqual(only(await topologyOf(noForward), 'no-inbound-mark').map(problem => problem.subject), ['to_wan2']);
	const otherAddress = edit(text, 'dst-address=203.0.113.2 new-connection-mark', 'dst-address=203.0.113.9 new-connection-mark');
	assert.deepEqual(only(await topologyOf(otherAddress), 'no-inbound-mark').map(problem => problem.subject), ['to_wan1'], 'an address the router does not have marks nothing');
});

test('no-inbound-mark: in the input chain with output mark-routing, with and without a guard (v7)', async () => {
	const text = await exportText('checks-v7-dhcp-scripts.rsc');
	assert.deepEqual(only(await topologyOf(text), 'no-inbound-mark'), []);
	const noWan2 = edit(text, /^add action=mark-connection chain=input .*$/m, '');
	const [problem] = only(await topologyOf(noWan2), 'no-inbound-mark');
	assert.equal(problem.subject, 'to_wan2');
	assert.match(problem.message, /arrive on ether2, so replies .*; add chain=prerouting in-interface=ether2 connection-mark=no-mark action=mark-connection new-connection-mark=wan2_conn$/);
});

test('gateway-on-other-wan: a table whose gateway sits on another WAN\'s network is reported, not guessed (v7)', async () => {
	const text = await exportText('checks-v7-defconf-fasttrack.rsc');
	const guarded = edit(text, 'comment="defconf: fasttrack" connection-state', 'comment="defconf: fasttrack" connection-mark=no-mark connection-state');
	const crossed = edit(guarded, 'gateway=203.0.113.1 routing-table=to_isp1', 'gateway=198.51.100.1 routing-table=to_isp1');
	const topology = await topologyOf(crossed);
	assert.deepEqual(findings(topology), ['gateway-on-other-wan:to_isp1']);
	const [problem] = only(topology, 'gateway-on-other-wan');
	assert.equal(problem.severity, 'error');
	assert.match(problem.message, /to_isp1's default route via 198\.51\.100\.1 leaves by ether2, to_isp2's uplink, while connections arriving on ether1 are marked for to_isp1/);
	assert.equal(topology.wans[0].interface, 'ether2', 'the interface is where its packets really go');
});

test('empty-address-list: exclusions, pins and mark-routing count, and names are case-sensitive (v7)', async () => {
	const text = await exportText('checks-v7-dhcp-scripts.rsc');
	assert.deepEqual(only(await topologyOf(text), 'empty-address-list'), []);

	const otherCase = edit(text, 'dst-address-list=LAN-NETS src-address-list=LAN-NETS', 'dst-address-list=LAN-nets src-address-list=LAN-NETS');
	const [problem] = only(await topologyOf(otherCase), 'empty-address-list');
	assert.equal(problem.subject, 'LAN-nets', 'the exclusion before PCC names a list that does not exist');
	const pinned = edit(text, 'add action=mark-connection chain=prerouting connection-mark=no-mark in-interface=ether1',
		'add action=mark-connection chain=prerouting connection-mark=no-mark connection-state=new new-connection-mark=wan1_conn passthrough=no src-address-list=voip-phones comment="VoIP by wan1"\nadd action=mark-connection chain=prerouting connection-mark=no-mark in-interface=ether1');
	assert.deepEqual(only(await topologyOf(pinned), 'empty-address-list').map(item => item.subject), ['voip-phones']);
	const routed = edit(text, 'add action=mark-routing chain=output connection-mark=wan1_conn new-routing-mark=to_wan1 passthrough=no',
		'add action=mark-routing chain=output connection-mark=wan1_conn dst-address-list=!Local new-routing-mark=to_wan1 passthrough=no');
	assert.deepEqual(only(await topologyOf(routed), 'empty-address-list').map(item => item.subject), ['Local']);
});

test('rule-shadowed: an accept after a return takes only what the return let through; lists and interfaces compared by members (v6)', async () => {
	const text = await exportText('checks-v6-exempt-chain.rsc');
	const topology = await topologyOf(text);
	assert.deepEqual(findings(topology), [], 'the exempt chain accepts only exempt-hosts: the rest goes on to the PCC rules');
	assert.deepEqual(topology.wans.map(wan => wan.remainders), [[0], [1]]);

	const noReturn = edit(text, /^add action=return chain=exempt .*$/m, '');
	assert.deepEqual(only(await topologyOf(noReturn), 'rule-shadowed').map(problem => problem.subject), ['isp1_conn', 'isp2_conn', 'to_isp1', 'to_isp2'],
		'without the return everything from bridge1 is accepted, the PCC rules reached by in-interface-list=LAN included');
	const otherBridge = edit(noReturn, 'add action=jump chain=prerouting in-interface=bridge1 jump-target=exempt', 'add action=jump chain=prerouting in-interface=ether3 jump-target=exempt');
	assert.deepEqual(only(await topologyOf(otherBridge), 'rule-shadowed'), [], 'an accept for another interface leaves them alone');
	const subnet = edit(noReturn, 'add action=accept chain=exempt comment=', 'add action=accept chain=exempt src-address=192.168.0.0/16 comment=');
	const pinned = edit(subnet, 'add action=mark-routing chain=prerouting connection-mark=isp1_conn in-interface=bridge1', 'add action=mark-routing chain=prerouting connection-mark=isp1_conn in-interface=bridge1 src-address=192.168.10.0/24');
	assert.ok(only(await topologyOf(pinned), 'rule-shadowed').some(problem => problem.subject === 'to_isp1'), 'a /24 inside the accepted /16 is taken too');
});
