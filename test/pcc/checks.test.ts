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
