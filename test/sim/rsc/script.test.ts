import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ConnectionTable} from '../../../source/sim/engine/conntrack.js';
import {SimRouter} from '../../../source/sim/router.js';
import {loadRsc} from '../../../source/sim/rsc/load.js';
import {parseRsc} from '../../../source/sim/rsc/parse.js';

function load(lines: string[]) {
	const router = new SimRouter({version: '7.18.2', conntrack: new ConnectionTable(), now: () => Date.UTC(2025, 0, 15)});
	return {router, result: loadRsc(router, parseRsc(lines.join('\n')))};
}

function column(router: SimRouter, path: string, name: string): string[] {
	return router.run(`${path}/print`).rows.map(row => row[name] ?? '');
}

test('a "{ }" block runs every command inside it; a refused one is reported alone', () => {
	const {router, result} = load([
		'{',
		'/ip firewall address-list',
		'add address=192.0.2.0/24 list=blocked',
		'add address=not-an-address/99 list=blocked',
		'add address=198.51.100.0/24 list=blocked',
		'}',
		'/ip firewall address-list add address=203.0.113.0/24 list=blocked',
	]);
	assert.deepEqual(column(router, '/ip/firewall/address-list', 'address'), ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24']);
	assert.deepEqual(result.warnings.map(warning => warning.line), [4]);
	assert.match(result.warnings[0].message, /^\/ip firewall address-list add: /);
});

test(':local and :global values reach commands, inside quotes too; $"name" reads any name', () => {
	const {router, result} = load([
		':global prefix "10.1.1"',
		':local lan "ether2"',
		':local "odd-name" "lan side"',
		'/ip address add address="$prefix.1/24" interface=$lan comment=$"odd-name"',
	]);
	assert.deepEqual(result.warnings, []);
	assert.deepEqual(router.run('/ip/address/print').rows.map(row => [row.address, row.interface, row.comment]), [['10.1.1.1/24', 'ether2', 'lan side']]);
});

test(':if, :for and :foreach run their bodies; expressions concatenate and count', () => {
	const {router, result} = load([
		':local wans {"wan1"=2; "wan2"=1}',
		':local total 0',
		':foreach name,weight in=$wans do={ :set total ($total + $weight) }',
		':local bucket 0',
		':foreach name,weight in=$wans do={',
		'    /routing table add name=("to-" . $name) fib',
		'    :for n from=1 to=$weight do={',
		'        /ip firewall mangle add chain=prerouting action=mark-connection new-connection-mark="$name-conn" \\',
		'            per-connection-classifier="both-addresses:$total/$bucket"',
		'        :set bucket ($bucket + 1)',
		'    }',
		'}',
		':if ([:len [/ip firewall mangle find where new-connection-mark="wan1-conn"]] = 2) do={',
		'    /ip firewall mangle add chain=prerouting action=accept comment="two for wan1"',
		'} else={ /ip firewall mangle add chain=prerouting action=accept comment="wrong" }',
	]);
	assert.deepEqual(result.warnings, []);
	assert.deepEqual(column(router, '/routing/table', 'name'), ['main', 'to-wan1', 'to-wan2']);
	assert.deepEqual(column(router, '/ip/firewall/mangle', 'per-connection-classifier'), ['both-addresses:3/0', 'both-addresses:3/1', 'both-addresses:3/2', '']);
	assert.equal(column(router, '/ip/firewall/mangle', 'comment')[3], 'two for wan1');
});

test('[find ...] and print count-only inside expressions see what the script did so far', () => {
	const {router, result} = load([
		'/interface bridge add name=lan-br',
		':local count [/interface bridge print count-only where name~"^lan"]',
		':if ([:len [/interface bridge find where name="lan-br"]] = 0) do={ /interface bridge add name=lan-br }',
		'/interface bridge set [find name=lan-br] comment=("bridges: " . $count)',
	]);
	assert.deepEqual(result.warnings, []);
	assert.deepEqual(column(router, '/interface/bridge', 'comment'), ['bridges: 1']);
});

test(':do { } on-error={ } catches a refusal as a script does; elsewhere a refusal is reported', () => {
	const {router, result} = load([
		':do { /interface bridge add name=br1 } on-error={}',
		':do { /interface bridge add name=br1 } on-error={ /interface bridge set br1 comment=existed }',
		'/interface bridge add name=br1',
	]);
	assert.deepEqual(column(router, '/interface/bridge', 'comment'), ['existed']);
	assert.deepEqual(result.warnings.map(warning => warning.line), [3]);
	assert.match(result.warnings[0].message, /already have interface with such name/);
});

test('a script error names the line; an unclosed "{" still runs what is inside and says so', () => {
	const {router, result} = load([
		'/ip firewall mangle add chain=prerouting action=accept comment=$missing',
		'{',
		'/ip firewall mangle add chain=prerouting action=accept comment=kept',
	]);
	assert.deepEqual(column(router, '/ip/firewall/mangle', 'comment'), ['kept']);
	assert.deepEqual(result.warnings.map(warning => [warning.line, warning.message.replace(/:.*/, '')]), [[1, '/ip firewall mangle add'], [2, '"{" is never closed; the commands after it still ran']]);
});

test('a loop that never ends is stopped and reported, not run forever', () => {
	const {result} = load([':local i 0', ':while ($i >= 0) do={ :set i ($i + 1) }']);
	assert.deepEqual(result.warnings.map(warning => warning.line), [2]);
	assert.match(result.warnings[0].message, /does not end/);
});
