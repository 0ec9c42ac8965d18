import {test} from 'node:test';
import assert from 'node:assert/strict';
import {makeRouter} from '../helpers/sim-router.js';

function wanRouter(version: string) {
	const setup = makeRouter(version);
	const {router} = setup;
	const ok = (command: string, attributes: Record<string, string>) => {
		const result = router.run(command, attributes);
		assert.deepEqual(result.traps, [], `${command} ${JSON.stringify(attributes)}`);
		return result.ret!;
	};
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

test('v7: a reachable default route is active, the backup of greater distance is not', () => {
	const {router, ok} = wanRouter('7.19.4');
	const primary = ok('/ip/route/add', {gateway: '203.0.113.1', 'check-gateway': 'ping'});
	const backup = ok('/ip/route/add', {gateway: '198.51.100.1', distance: '2', 'check-gateway': 'ping'});
	assert.equal(route(router, primary).active, 'true');
	assert.equal(route(router, primary)['immediate-gw'], '203.0.113.1%ether1');
	assert.equal(route(router, primary)['routing-table'], 'main');
	assert.equal(route(router, backup).active, 'false');
	assert.equal(route(router, backup).inactive, 'false');

	router.setGatewayFailed(Number.parseInt(primary.slice(1), 16), true);
	assert.equal(route(router, primary).active, 'false');
	assert.equal(route(router, primary).inactive, 'true');
	assert.equal(route(router, backup).active, 'true');

	router.setGatewayFailed(Number.parseInt(primary.slice(1), 16), false);
	assert.equal(route(router, primary).active, 'true');
	assert.equal(route(router, backup).active, 'false');
});

test('v7: a gateway no connected network reaches is inactive; equal distances share (ecmp)', () => {
	const {router, ok} = wanRouter('7.19.4');
	const lost = ok('/ip/route/add', {gateway: '10.9.9.9'});
	assert.equal(route(router, lost).inactive, 'true');
	ok('/routing/table/add', {name: 'both', fib: ''});
	const a = ok('/ip/route/add', {gateway: '203.0.113.1', 'routing-table': 'both'});
	const b = ok('/ip/route/add', {gateway: '198.51.100.1', 'routing-table': 'both'});
	assert.deepEqual([route(router, a).ecmp, route(router, b).ecmp], ['true', 'true']);
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

test('v7: a recursive gateway resolves through a host route when target-scope allows it', () => {
	const {router, ok} = wanRouter('7.19.4');
	ok('/ip/route/add', {'dst-address': '8.8.8.8/32', gateway: '203.0.113.1'});
	const recursive = ok('/ip/route/add', {gateway: '8.8.8.8', 'target-scope': '30', 'check-gateway': 'ping'});
	assert.equal(route(router, recursive).active, 'true');
	assert.equal(route(router, recursive)['immediate-gw'], '203.0.113.1%ether1');
	const flat = ok('/ip/route/add', {gateway: '8.8.8.8', distance: '3'});
	assert.equal(route(router, flat).inactive, 'true');
});

test('v6: routes carry routing-mark and gateway-status; policy rules live in /ip/route/rule', () => {
	const {router, ok} = wanRouter('6.49.10');
	const marked = ok('/ip/route/add', {gateway: '203.0.113.1', 'routing-mark': 'to_wan1', 'check-gateway': 'ping'});
	const row = route(router, marked);
	assert.equal(row['routing-mark'], 'to_wan1');
	assert.equal(row['gateway-status'], '203.0.113.1 reachable via ether1');
	assert.equal(row['routing-table'], undefined);
	assert.equal(row.active, 'true');
	router.setGatewayFailed(Number.parseInt(marked.slice(1), 16), true);
	assert.equal(route(router, marked).active, 'false');
	ok('/ip/route/rule/add', {'src-address': '192.168.88.0/24', table: 'to_wan1'});
	assert.equal(router.run('/ip/route/rule/print').rows[0].action, 'lookup');
	assert.deepEqual(router.run('/routing/table/print').traps, ['no such command or directory (routing)', 'no such command prefix']);
	// v6 marks routing with free-form names.
	ok('/ip/firewall/mangle/add', {chain: 'prerouting', action: 'mark-routing', 'new-routing-mark': 'anything'});
});

test('a disabled interface takes its connected and static routes down', () => {
	const {router, ok} = wanRouter('7.19.4');
	const wan = ok('/ip/route/add', {gateway: '203.0.113.1'});
	ok('/interface/disable', {numbers: 'ether1'});
	assert.equal(route(router, wan).active, 'false');
	assert.equal(router.run('/ip/route/print', {}, {queries: ['dst-address=203.0.113.0/24']}).rows[0].active, 'false');
	ok('/interface/enable', {numbers: 'ether1'});
	assert.equal(route(router, wan).active, 'true');
});
