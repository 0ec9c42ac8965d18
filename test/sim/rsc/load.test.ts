import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ConnectionTable} from '../../../source/sim/engine/conntrack.js';
import {SimRouter} from '../../../source/sim/router.js';
import {loadRsc} from '../../../source/sim/rsc/load.js';
import {parseRsc} from '../../../source/sim/rsc/parse.js';
import {versionFor} from '../../../source/sim/rsc/version.js';

function routerFor(text: string, requested?: string) {
	const script = parseRsc(text);
	const {version} = versionFor(script, requested);
	const router = new SimRouter({version, conntrack: new ConnectionTable(), now: () => Date.UTC(2025, 0, 15)});
	return {router, result: loadRsc(router, script)};
}

function print(router: SimRouter, path: string, queries: string[] = []) {
	const result = router.run(`${path}/print`, {}, {queries});
	assert.deepEqual(result.traps, []);
	return result.rows;
}

test('a set-up loads through the router: interfaces, addresses, rules and routes are there', () => {
	const {router, result} = routerFor([
		'/interface bridge add name=bridge',
		'/interface ethernet set [ find default-name=ether1 ] comment=WAN1',
		'/ip address add address=192.168.88.1/24 interface=bridge',
		'/ip address add address=203.0.113.2/24 interface=ether1',
		'/routing table add name=wan1 fib',
		'/ip firewall mangle',
		'add action=mark-connection chain=prerouting new-connection-mark=wan1_conn per-connection-classifier=both-addresses:2/0',
		'/ip route add gateway=203.0.113.1 routing-table=wan1 check-gateway=ping',
		'/system identity set name=edge',
	].join('\n'));
	assert.deepEqual(result.warnings, []);
	assert.equal(result.applied, 8);
	assert.equal(print(router, '/interface/ethernet', ['default-name=ether1'])[0].comment, 'WAN1');
	assert.equal(print(router, '/ip/firewall/mangle')[0]['per-connection-classifier'], 'both-addresses:2/0');
	assert.equal(print(router, '/ip/route', ['routing-table=wan1'])[0].gateway, '203.0.113.1');
	assert.equal(print(router, '/system/identity')[0].name, 'edge');
});

test('a comma-separated PCC remainder list is refused with the router\'s error; the rest loads', () => {
	const {router, result} = routerFor([
		'/ip firewall mangle',
		'add chain=prerouting action=mark-connection new-connection-mark=wan1_conn per-connection-classifier=both-addresses-and-ports:10/0,1,2,3,4',
		'add chain=prerouting action=mark-connection new-connection-mark=wan2_conn per-connection-classifier=both-addresses-and-ports:10/5',
	].join('\n'));
	const direct = router.run('/ip/firewall/mangle/add', {chain: 'prerouting', 'per-connection-classifier': 'both-addresses-and-ports:10/0,1,2,3,4'});
	assert.equal(direct.traps.length, 1);
	assert.deepEqual(result.warnings, [{line: 2, message: `/ip firewall mangle add: ${direct.traps[0]}`}]);
	assert.deepEqual(print(router, '/ip/firewall/mangle').map(row => row['new-connection-mark']), ['wan2_conn']);
});

test('unknown menus and properties are warnings with line numbers, never a crash', () => {
	const {router, result} = routerFor([
		'# model = RB750Gr3',
		'/ip firewall mangle add chain=prerouting frobnicate=yes',
		'/ip teleport add to=mars',
		'/interface ethernet set [ find default-name=ether9 ] comment=none',
		'/ip firewall nat add chain=srcnat action=masquerade out-interface=nosuch',
		'/ip firewall nat add chain=srcnat action=masquerade out-interface=ether1',
	].join('\n'));
	assert.deepEqual(result.warnings.map(warning => warning.line), [2, 3, 4, 5]);
	assert.match(result.warnings[0].message, /^\/ip firewall mangle add: unknown parameter/);
	assert.match(result.warnings[1].message, /^\/ip teleport add: no such command or directory \(teleport\)/);
	assert.match(result.warnings[2].message, /no item matches/);
	assert.match(result.warnings[3].message, /input does not match|no such item|interface/);
	assert.equal(print(router, '/ip/firewall/nat').length, 1);
});

test('place-before=N puts the rule before the Nth rule as print numbers them', () => {
	const {router, result} = routerFor([
		'/ip firewall mangle',
		'add chain=prerouting action=accept comment=first',
		'add chain=prerouting action=accept comment=second',
		'add chain=prerouting action=accept comment=management place-before=0',
		'add chain=prerouting action=accept comment=middle place-before=2',
		'add chain=prerouting action=accept comment=last place-before=99',
	].join('\n'));
	assert.deepEqual(result.warnings, []);
	assert.deepEqual(print(router, '/ip/firewall/mangle').map(row => row.comment), ['management', 'first', 'middle', 'second', 'last']);
});

test('find selectors reach the right rows: set, disable, remove by comment, flag and number', () => {
	const {router, result} = routerFor([
		'/ip firewall mangle',
		'add chain=prerouting action=accept comment=a',
		'add chain=prerouting action=accept comment=b',
		'add chain=forward action=accept comment=c',
		'set [ find comment=b ] chain=output',
		'disable [ find chain=forward ]',
		'set [ find disabled=yes ] comment=off',
		'remove [ find where comment~"^a" ]',
		'set 0 log-prefix=zero',
	].join('\n'));
	assert.deepEqual(result.warnings, []);
	assert.deepEqual(
		print(router, '/ip/firewall/mangle').map(row => [row.chain, row.comment, row.disabled, row['log-prefix']]),
		[['output', 'b', 'false', 'zero'], ['forward', 'off', 'true', '']],
	);
});

test('a read of nothing (remove with an empty find, print) changes nothing and says nothing', () => {
	const {result} = routerFor([
		'/ip firewall connection remove [find connection-mark=wan1_conn]',
		'/ip route print where routing-table=wan1',
		'/ip firewall mangle print stats',
	].join('\n'));
	assert.deepEqual(result.warnings, []);
	assert.equal(result.applied, 0);
});

test('the version comes from the option, else the header, else the syntax', () => {
	const v6Routes = '/ip route add gateway=10.0.0.1 routing-mark=to_wan1\n';
	assert.equal(versionFor(parseRsc(v6Routes)).version.major, 6);
	assert.equal(versionFor(parseRsc(v6Routes)).source, 'syntax');
	assert.equal(versionFor(parseRsc('/routing table add name=wan1 fib\n')).version.major, 7);
	assert.equal(versionFor(parseRsc('/ip route add gateway=10.0.0.1 routing-table=wan1\n')).version.major, 7);
	assert.deepEqual(versionFor(parseRsc(`# jan/02/2024 13:45:00 by RouterOS 6.48.6\n${v6Routes}`)).version, {major: 6, minor: 48, patch: 6});
	assert.deepEqual(versionFor(parseRsc(v6Routes), '7.12').version, {major: 7, minor: 12, patch: 0});
	assert.equal(versionFor(parseRsc('/system identity set name=x\n')).source, 'default');
	assert.throws(() => versionFor(undefined, 'banana'), /--routeros takes/);
});

test('a RouterOS 6 export loads on a RouterOS 6 router: routing marks and route rules', () => {
	const {router, result} = routerFor([
		'# jan/02/2024 13:45:00 by RouterOS 6.49.7',
		'/ip address add address=203.0.113.2/24 interface=ether1',
		'/ip route add gateway=203.0.113.1 routing-mark=to_wan1 check-gateway=ping',
		'/ip route rule add dst-address=192.168.88.0/24 action=lookup-only-in-table table=main',
		'/routing table add name=wan1 fib',
	].join('\n'));
	assert.equal(router.version.major, 6);
	assert.deepEqual(result.warnings.map(warning => warning.line), [5]);
	assert.equal(print(router, '/ip/route', ['routing-mark=to_wan1']).length, 1);
	assert.equal(print(router, '/ip/route/rule').length, 1);
});
