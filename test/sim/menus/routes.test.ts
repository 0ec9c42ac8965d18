import {test} from 'node:test';
import assert from 'node:assert/strict';
import {makeRouter, mustRun} from '../helpers/sim-router.js';

function wanRouter(version: string) {
	const setup = makeRouter(version);
	const {router} = setup;
	const ok = mustRun(router);
	ok('/ip/address/add', {address: '203.0.113.2/24', interface: 'ether1'});
	ok('/ip/address/add', {address: '198.51.100.2/24', interface: 'ether2'});
	return {...setup, ok};
}

function route(router: ReturnType<typeof makeRouter>['router'], id: string) {
	return router.run('/ip/route/print', {}, {queries: [`.id=${id}`]}).rows[0];
}

test('an address computes its network and brings a dynamic connected route', () => {
	const {router} = wanRouter('7.19.4');
	const address = router.run('/ip/address/print').rows[0];
	assert.equal(address.network, '203.0.113.0');
	assert.equal(address['actual-interface'], 'ether1');
	const connected = router.run('/ip/route/print', {}, {queries: ['connect=true']}).rows;
	assert.deepEqual(
		connected.map(row => [row['dst-address'], row.gateway, row.dynamic, row.active, row.distance]),
		[
			['203.0.113.0/24', 'ether1', 'true', 'true', '0'],
			['198.51.100.0/24', 'ether2', 'true', 'true', '0'],
		],
	);
	assert.deepEqual(router.run('/ip/route/remove', {'.id': connected[0]['.id']}).traps, ['failure: can not remove dynamic']);
	router.run('/ip/address/remove', {'.id': address['.id']});
	assert.equal(router.run('/ip/route/print', {'count-only': ''}, {queries: ['connect=true']}).ret, '1');
});

test('v7: routes and mark-routing rules need an existing routing table', () => {
	const {router, ok} = wanRouter('7.19.4');
	assert.deepEqual(router.run('/ip/route/add', {gateway: '203.0.113.1', 'routing-table': 'wan1'}).traps, [
		'input does not match any value of routing-table',
	]);
	assert.deepEqual(router.run('/ip/firewall/mangle/add', {chain: 'prerouting', action: 'mark-routing', 'new-routing-mark': 'wan1'}).traps, [
		'input does not match any value of new-routing-mark',
	]);
	ok('/routing/table/add', {name: 'wan1', fib: ''});
	ok('/ip/route/add', {gateway: '203.0.113.1', 'routing-table': 'wan1'});
	const tables = router.run('/routing/table/print').rows;
	assert.deepEqual(tables.map(row => [row.name, row.fib, row.dynamic]), [
		['main', 'true', 'true'],
		['wan1', 'true', 'false'],
	]);
	assert.deepEqual(router.run('/routing/table/add', {name: 'wan1'}).traps, ['failure: table with such name already exists']);
});

test('v6: routes carry routing-mark instead of a table; policy rules live in /ip/route/rule', () => {
	const {router, ok} = wanRouter('6.49.10');
	const marked = ok('/ip/route/add', {gateway: '203.0.113.1', 'routing-mark': 'to_wan1', 'check-gateway': 'ping'});
	const row = route(router, marked);
	assert.equal(row['routing-mark'], 'to_wan1');
	assert.equal(row['routing-table'], undefined);
	assert.equal(row.static, 'true');
	assert.deepEqual(router.run('/ip/route/add', {gateway: '203.0.113.1', 'check-gateway': 'bfd'}).traps, [
		'input does not match any value of check-gateway',
	]);
	ok('/ip/route/rule/add', {'src-address': '192.168.88.0/24', table: 'to_wan1'});
	assert.equal(router.run('/ip/route/rule/print').rows[0].action, 'lookup');
	// v6 has /routing (bgp, ospf) but no tables in it.
	assert.deepEqual(router.run('/routing/table/print').traps, ['no such command or directory (table)', 'no such command prefix']);
	// v6 marks routing with free-form names.
	ok('/ip/firewall/mangle/add', {chain: 'prerouting', action: 'mark-routing', 'new-routing-mark': 'anything'});
});

test('v7: a route shows its defaults, and gateways must be addresses or interfaces', () => {
	const {router, ok} = wanRouter('7.19.4');
	const wan = ok('/ip/route/add', {gateway: '203.0.113.1'});
	const row = route(router, wan);
	assert.deepEqual(
		[row['dst-address'], row['routing-table'], row.distance, row.scope, row['target-scope'], row.static, row.dynamic],
		['0.0.0.0/0', 'main', '1', '30', '10', 'true', 'false'],
	);
	ok('/ip/route/add', {'dst-address': '10.1.2.3/8', gateway: 'ether2'});
	assert.equal(router.run('/ip/route/print', {}, {queries: ['gateway=ether2', 'connect=false']}).rows[0]['dst-address'], '10.0.0.0/8');
	assert.deepEqual(router.run('/ip/route/add', {gateway: 'nowhere'}).traps, ['input does not match any value of gateway']);
	assert.deepEqual(router.run('/ip/route/add', {'dst-address': '10.0.0.0/8'}).traps, ['failure: gateway not specified']);
	assert.deepEqual(router.run('/ip/route/set', {'.id': wan, 'active': 'false'}).traps, ['unknown parameter']);
});

test('renaming an interface carries into its addresses and their connected route', () => {
	const {router, ok} = wanRouter('7.19.4');
	ok('/interface/ethernet/set', {numbers: 'ether1', name: 'isp1'});
	const connected = router.run('/ip/route/print', {}, {queries: ['dst-address=203.0.113.0/24']}).rows[0];
	assert.equal(connected.gateway, 'isp1');
	assert.equal(router.run('/ip/address/print').rows[0].interface, 'isp1');
});

test('a route through an interface follows the interface\'s rename', () => {
	const {router, ok} = wanRouter('7.19.4');
	const direct = ok('/ip/route/add', {'dst-address': '10.0.0.0/8', gateway: 'ether2'});
	const pinned = ok('/ip/route/add', {gateway: '203.0.113.1%ether1'});
	ok('/interface/ethernet/set', {numbers: 'ether1', name: 'isp1'});
	ok('/interface/ethernet/set', {numbers: 'ether2', name: 'isp2'});
	assert.equal(route(router, direct).gateway, 'isp2');
	assert.equal(route(router, pinned).gateway, '203.0.113.1%isp1');
});
