import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {runCli} from './helpers.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

test('check: the seed\'s 3-WAN weighted recipe is refused line by line, each with the fix', async () => {
	const result = await runCli(['check', fixture('seeds/seed-000-three-wan.rsc')]);
	assert.equal(result.code, 1, 'refused lines are errors');
	assert.match(result.stdout, /Refused by RouterOS \(3 lines\)/);
	for (const [line, remainders] of [[24, '0,1,2,3,4'], [29, '5,6,7'], [34, '8,9']] as const) {
		assert.match(result.stdout, new RegExp(`line ${line}: add chain=prerouting action=mark-connection .*:10/${remainders}\\n`));
	}
	assert.match(result.stdout, /"0,1,2,3,4" is a list; give one remainder per rule\n {4}fix: one rule per remainder: 5 copies of this rule with per-connection-classifier=both-addresses-and-ports:10\/0, :10\/1, :10\/2, :10\/3, :10\/4\n/);
	assert.match(result.stdout, /fix: one rule per remainder: 2 copies .*:10\/8, :10\/9\n/);
	assert.equal(result.stderr, '');
});

test('check --json: refused, pcc as --once --json has it, problems with severity', async () => {
	const clean = await runCli(['check', fixture('exports/v7-two-wan-clean.rsc'), '--json']);
	assert.equal(clean.code, 0);
	const document = JSON.parse(clean.stdout) as {refused: unknown[]; pcc: Record<string, unknown> & {wans: Array<{name: string; state: string}>}; problems: unknown[]};
	assert.deepEqual(Object.keys(document), ['refused', 'pcc', 'problems']);
	assert.deepEqual(document.refused, []);
	assert.deepEqual(Object.keys(document.pcc), ['hash', 'denominator', 'wans', 'outputGroup', 'fallbackMainRoute', 'problems']);
	assert.deepEqual(document.pcc.wans.map(wan => wan.name), ['wan1', 'wan2']);
	assert.deepEqual(document.problems, []);

	const seed = JSON.parse((await runCli(['check', fixture('seeds/seed-000-three-wan.rsc'), '--json'])).stdout) as {refused: Array<{line: number; text: string; reason: string; fix?: string}>};
	assert.deepEqual(seed.refused.map(line => line.line), [24, 29, 34]);
	assert.match(seed.refused[0].text, /per-connection-classifier=both-addresses-and-ports:10\/0,1,2,3,4$/);
	assert.match(seed.refused[0].reason, /is a list/);
	assert.match(seed.refused[0].fix ?? '', /^one rule per remainder/);
});

test('check: exit 1 for an error finding, 0 when only warnings remain', async () => {
	const errors = await runCli(['check', fixture('exports/checks-v7-defconf-fasttrack.rsc')]);
	assert.equal(errors.code, 1);
	assert.match(errors.stdout, /error {4}fasttrack-bypasses-pcc {2}.*connection-mark=no-mark/);
	assert.match(errors.stdout, /to_isp1 {2}buckets 0 \(50\.0%\) {2}marks isp1_conn → to_isp1 {2}203\.0\.113\.1 via ether1/);

	const dir = await mkdtemp(join(tmpdir(), 'pccmon-check-'));
	try {
		const text = await readFile(fixture('exports/checks-v6-three-wan-slips.rsc'), 'utf8');
		const file = join(dir, 'warnings-only.rsc');
		await writeFile(file, text.replace('src-address:3/3', 'src-address:3/2'));
		const warnings = await runCli(['check', file]);
		assert.equal(warnings.code, 0, warnings.stdout);
		assert.match(warnings.stdout, /warning {2}duplicate-pcc-rule:3\/0/);
		assert.match(warnings.stdout, /Result: 0 refused, 0 errors, 1 warning\n$/);
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
});

test('check --routeros 6.49 on a RouterOS 7 export: its tables and routing-table= are refused, with the v6 way', async () => {
	const result = await runCli(['check', fixture('exports/v7-two-wan-clean.rsc'), '--routeros', '6.49']);
	assert.equal(result.code, 1);
	assert.match(result.stdout, /read as RouterOS 6\.49/);
	assert.match(result.stdout, /line 12: add disabled=no fib name=wan1\n.*\n {4}fix: RouterOS 6 has no routing tables to create/);
	assert.match(result.stdout, /routing-table=wan1\n {4}\/ip route add: unknown parameter\n {4}fix: RouterOS 6 routes take routing-mark=NAME instead of routing-table=NAME\n/);
});

test('check: a refused command wrapped inside a value is shown as one line, joined where the export broke it', async () => {
	const dir = await mkdtemp(join(tmpdir(), 'pccmon-check-'));
	try {
		const text = await readFile(fixture('exports/v7-two-wan-clean.rsc'), 'utf8');
		const file = join(dir, 'wrapped.rsc');
		const wrapped = text.replace('add check-gateway=ping disabled=no distance=1 dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-table=wan1',
			'add check-gateway=ping disabled=no distance=1 dst-address=0.0.0.0/0 gateway=203.0.1\\\n    13.1 \\\n    routing-table=wan1');
		assert.notEqual(wrapped, text);
		await writeFile(file, wrapped);
		const result = await runCli(['check', file, '--routeros', '6.49']);
		assert.match(result.stdout, /line 31: add check-gateway=ping disabled=no distance=1 dst-address=0\.0\.0\.0\/0 gateway=203\.0\.113\.1 routing-table=wan1\n/);
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
});

test('check: a file that cannot be read is one line and exit 2', async () => {
	const missing = await runCli(['check', '/nonexistent.invalid/router.rsc']);
	assert.equal(missing.code, 2);
	assert.equal(missing.stderr, 'pccmon: cannot read /nonexistent.invalid/router.rsc: no such file\n');
	assert.equal(missing.stdout, '');
	const none = await runCli(['check']);
	assert.equal(none.code, 2);
	assert.match(none.stderr, /^pccmon: check takes one file: pccmon check FILE\.rsc\n$/);
	const badVersion = await runCli(['check', fixture('exports/v7-two-wan-clean.rsc'), '--routeros', 'banana']);
	assert.equal(badVersion.code, 2);
	assert.equal(badVersion.stderr.split('\n').length, 2, badVersion.stderr);
});

test('--help lists check', async () => {
	const result = await runCli(['--help']);
	assert.match(result.stdout, /pccmon check FILE\.rsc \[--routeros V\] \[--json\]/);
});
