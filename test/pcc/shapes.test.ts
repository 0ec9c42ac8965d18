import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {discover} from '../../source/pcc/discover.js';
import type {Topology} from '../../source/pcc/types.js';
import {configFromRsc} from '../helpers/config-from-rsc.js';

/*
 * The shapes real PCC routers are written in, each on a RouterOS 6 and a RouterOS 7 export:
 * discovery must read them as an engineer reading the export would.
 */

async function topologyOf(name: string, change: (text: string) => string = text => text): Promise<Topology> {
	const text = await readFile(new URL(`../fixtures/exports/${name}`, import.meta.url), 'utf8');
	const changed = change(text);
	const {config, load} = await configFromRsc(changed);
	assert.deepEqual(load.warnings, [], `${name} loads without a refused line`);
	return discover(config);
}

/** name, LAN-side mark + other marks, routing mark, table, buckets, gateways, interface, probes. */
function wanLines(topology: Topology): string[] {
	return topology.wans.map(wan => [
		wan.name, `${wan.connectionMark || '-'}+${wan.otherConnectionMarks.join(',') || '-'}`, wan.routingMark || '-', wan.table || '-',
		`${wan.remainders.join(',') || '-'}/${topology.denominator}`, wan.gateways.join(',') || '-', wan.interface ?? '-',
		wan.netwatch.map(probe => probe.host).join(',') || '-',
	].join(' '));
}

const findings = (topology: Topology): string[] => topology.problems.map(problem => `${problem.code}:${problem.subject}`);

for (const [version, name, tables] of [
	['7', 'checks-v7-shapes.rsc', {fibre: 'rt-fibre rt-fibre', cable: 'rt-cable rt-cable', dsl: 'rt-dsl rt-dsl'}],
	['6', 'checks-v6-shapes.rsc', {fibre: 'to_fibre to_fibre', cable: 'to_cable cable', dsl: 'to_dsl to_dsl'}],
] as const) {
	test(`v${version}: jumps with guards and returns, several marks per WAN, PCC on mark-routing, recursive and ECMP gateways`, async () => {
		const topology = await topologyOf(name);
		assert.equal(topology.hash, 'both-addresses-and-ports');
		assert.equal(topology.denominator, 4);
		const [fibre, cable, dsl] = version === '7' ? ['rt-fibre', 'rt-cable', 'rt-dsl'] : ['to_fibre', 'to_cable', 'to_dsl'];
		assert.deepEqual(wanLines(topology), [
			// PCC in a jumped-to chain, mark-routing in another one; output-group and inbound marks beside the LAN mark;
			// a recursive gateway (target-scope) whose host route is its probe's pin.
			`${fibre} fibre_conn+fibre_local,fibre_in ${tables.fibre} 0,1/4 1.1.1.1 ether1 1.1.1.1`,
			// ECMP over two modems; on v6 a policy rule sends its mark to table cable.
			`${cable} cable_conn+cable_local,cable_in ${tables.cable} 2/4 198.51.100.9,198.51.100.17 ether2 -`,
			// PCC on mark-routing: no LAN-side connection mark; input-chain inbound marking routed in output.
			`${dsl} -+dsl_in ${tables.dsl} 3/4 pppoe-dsl,198.51.100.9 pppoe-dsl -`,
		]);
		assert.deepEqual(topology.outputGroup, {hash: 'dst-address', denominator: 2, marks: {0: 'fibre_local', 1: 'cable_local'}});
		assert.deepEqual(findings(topology), [`mark-routing-uses-pcc:${dsl}`], 'PCC on mark-routing works, with its cost named');
	});
}

test('v7: a %interface suffix names the egress where no address does', async () => {
	const topology = await topologyOf('checks-v7-shapes.rsc', text => text
		.replace('gateway=198.51.100.9,198.51.100.17 routing-table=rt-cable', 'gateway=100.70.0.1%ether3 routing-table=rt-cable'));
	assert.deepEqual(topology.wans.map(wan => [wan.name, wan.gateways, wan.interface]),
		[['rt-fibre', ['1.1.1.1'], 'ether1'], ['rt-cable', ['100.70.0.1'], 'ether3'], ['rt-dsl', ['pppoe-dsl', '198.51.100.9'], 'pppoe-dsl']]);
});

test('v6: an uplink the routes cannot place is placed by a srcnat rule tied to its routing mark', async () => {
	const unknown = await topologyOf('checks-v6-inbound-shapes.rsc');
	assert.equal(unknown.wans.find(wan => wan.name === 'to_wan4')?.interface, null);
	const tied = await topologyOf('checks-v6-inbound-shapes.rsc', text => text
		.replace('add action=masquerade chain=srcnat out-interface=ether4', 'add action=masquerade chain=srcnat out-interface=ether4 routing-mark=to_wan4'));
	assert.equal(tied.wans.find(wan => wan.name === 'to_wan4')?.interface, 'ether4');
	assert.deepEqual(findings(tied), ['no-inbound-mark:to_wan4'], 'once its port is known, nothing marking what arrives there is worth saying');
});
