import {test} from 'node:test';
import assert from 'node:assert/strict';
import {makeRouter, mustRun} from '../helpers/sim-router.js';

/** A list menu, a row it takes, and a change to make to that row. */
const lists: Array<[version: string, path: string, row: Record<string, string>, change: Record<string, string>]> = [
	['7.18.2', '/ip/pool', {name: 'lan', ranges: '192.168.88.10-192.168.88.254'}, {ranges: '192.168.88.20-192.168.88.200'}],
	['7.18.2', '/ip/dns/static', {name: 'nas.lan', address: '192.168.88.5'}, {ttl: '1h'}],
	['7.18.2', '/ip/dhcp-server/network', {address: '192.168.88.0/24', gateway: '192.168.88.1'}, {'dns-server': '192.168.88.1'}],
	['7.18.2', '/ip/dhcp-server/lease', {address: '192.168.88.7', 'mac-address': '02:00:00:00:00:07'}, {comment: 'printer'}],
	['7.18.2', '/queue/simple', {name: 'lan', target: '192.168.88.0/24', 'max-limit': '10M/10M'}, {'max-limit': '20M/20M'}],
	['7.18.2', '/queue/tree', {name: 'up', parent: 'global', 'packet-mark': 'up'}, {'max-limit': '5M'}],
	['7.18.2', '/queue/type', {name: 'pcq-up', kind: 'pcq', 'pcq-classifier': 'src-address'}, {'pcq-rate': '2M'}],
	['7.18.2', '/system/scheduler', {name: 'nightly', interval: '1d', 'on-event': '/log info x'}, {interval: '12h'}],
	['7.18.2', '/system/script', {name: 'hello', source: ':log info hello'}, {source: ':log info bye'}],
	['7.18.2', '/system/logging', {topics: 'firewall', action: 'memory'}, {prefix: 'fw'}],
	['7.18.2', '/system/ntp/client/servers', {address: '192.0.2.123'}, {iburst: 'no'}],
	['7.18.2', '/ip/firewall/raw', {chain: 'prerouting', action: 'notrack', protocol: 'udp'}, {comment: 'no tracking'}],
	['7.18.2', '/ppp/profile', {name: 'vpn', 'local-address': '10.9.0.1'}, {'use-encryption': 'required'}],
	['7.18.2', '/ppp/secret', {name: 'laptop', password: 'x', service: 'l2tp'}, {profile: 'default-encryption'}],
	['7.18.2', '/routing/bgp/connection', {name: 'transit', as: '64512', 'remote.address': '203.0.113.1', 'remote.as': '64496', 'local.role': 'ebgp'}, {'hold-time': '4m'}],
	['6.49.7', '/routing/bgp/peer', {name: 'transit', 'remote-address': '203.0.113.1', 'remote-as': '64496'}, {multihop: 'yes'}],
	['7.18.2', '/ipv6/address', {address: '2001:db8::1/64', interface: 'ether2'}, {advertise: 'no'}],
	['7.18.2', '/ipv6/route', {'dst-address': '::/0', gateway: 'fe80::1%ether1'}, {distance: '5'}],
	['7.18.2', '/ipv6/firewall/filter', {chain: 'input', action: 'drop', 'in-interface': 'ether1'}, {log: 'yes'}],
	['7.18.2', '/interface/bonding', {name: 'bond1', slaves: 'ether4,ether5', mode: '802.3ad'}, {'transmit-hash-policy': 'layer-3-and-4'}],
	['7.18.2', '/interface/vrrp', {name: 'vrrp1', interface: 'ether2', vrid: '7'}, {priority: '200'}],
	['7.18.2', '/interface/wireguard', {name: 'wg1', 'listen-port': '13231'}, {mtu: '1380'}],
	['7.18.2', '/interface/eoip', {name: 'eoip1', 'remote-address': '198.51.100.9', 'tunnel-id': '5'}, {'mac-address': '02:00:00:00:00:0E'}],
	['7.18.2', '/interface/gre', {name: 'gre1', 'remote-address': '198.51.100.9'}, {keepalive: '5s,3'}],
	['7.18.2', '/interface/l2tp-client', {name: 'l2tp1', 'connect-to': '203.0.113.60', user: 'u'}, {'use-ipsec': 'yes'}],
	['7.18.2', '/interface/sstp-client', {name: 'sstp1', 'connect-to': '203.0.113.70', user: 'u'}, {'tls-version': 'only-1.2'}],
	['7.18.2', '/interface/ovpn-client', {name: 'ovpn1', 'connect-to': '203.0.113.80', user: 'u'}, {protocol: 'udp'}],
	['7.18.2', '/interface/veth', {name: 'veth1', address: '172.17.0.2/24', gateway: '172.17.0.1'}, {comment: 'container'}],
];

for (const [version, path, row, change] of lists) {
	test(`${path} (${version}) is a real menu: add, print with .proplist and a query, set, remove`, () => {
		const {router} = makeRouter(version);
		const run = mustRun(router);
		const id = run(`${path}/add`, row);
		const [name, value] = Object.entries(row)[0];
		const listed = router.run(`${path}/print`, {'.proplist': `.id,${name}`}, {queries: [`${name}=${value}`]}).rows;
		assert.deepEqual(listed, [{'.id': id, [name]: router.run(`${path}/print`).rows.find(item => item['.id'] === id)![name]}]);
		run(`${path}/set`, {'.id': id, ...change});
		const after = router.run(`${path}/print`).rows.find(item => item['.id'] === id)!;
		for (const [key, wanted] of Object.entries(change)) assert.equal(after[key], wanted === 'yes' ? 'true' : wanted === 'no' ? 'false' : wanted, key);
		run(`${path}/remove`, {'.id': id});
		assert.equal(router.run(`${path}/print`).rows.some(item => item['.id'] === id), false);
		assert.match(router.run(`${path}/add`, {...row, 'no-such-property': 'x'}).traps[0] ?? '', /unknown parameter/);
	});
}

test('interface kinds are interfaces: listed in /interface with their type, usable by addresses and rules', () => {
	const {router} = makeRouter('7.18.2');
	const run = mustRun(router);
	run('/interface/wireguard/add', {name: 'wg1'});
	run('/interface/vrrp/add', {name: 'vrrp1', interface: 'ether2'});
	run('/interface/wireguard/peers/add', {interface: 'wg1', 'public-key': 'a2V5', 'allowed-address': '10.0.0.2/32'});
	run('/ip/address/add', {address: '10.0.0.1/24', interface: 'wg1'});
	run('/ip/firewall/mangle/add', {chain: 'prerouting', 'in-interface': 'vrrp1', action: 'accept'});
	run('/interface/list/add', {name: 'VPN'});
	run('/interface/list/member/add', {list: 'VPN', interface: 'wg1'});
	const types = Object.fromEntries(router.run('/interface/print').rows.map(row => [row.name, row.type]));
	assert.equal(types.wg1, 'wg');
	assert.equal(types.vrrp1, 'vrrp');
});

test('settings menus print one row with their defaults and take set; fixed rows are set by name', () => {
	const {router} = makeRouter('7.18.2');
	const run = mustRun(router);
	assert.equal(router.run('/ip/dns/print').rows[0]['allow-remote-requests'], 'false');
	run('/ip/dns/set', {servers: '192.0.2.53', 'allow-remote-requests': 'yes'});
	assert.deepEqual(router.run('/ip/dns/print', {'.proplist': 'servers,allow-remote-requests'}).rows, [{servers: '192.0.2.53', 'allow-remote-requests': 'true'}]);
	assert.deepEqual(router.run('/ip/service/print', {'.proplist': 'name,port'}).rows.map(row => `${row.name}:${row.port}`), [
		'telnet:23', 'ftp:21', 'www:80', 'ssh:22', 'www-ssl:443', 'api:8728', 'winbox:8291', 'api-ssl:8729',
	]);
	run('/ip/service/set', {'.id': 'telnet', disabled: 'yes'});
	assert.equal(router.run('/ip/service/print', {}, {queries: ['name=telnet']}).rows[0].disabled, 'true');
	assert.equal(router.run('/ip/service/add', {name: 'gopher'}).traps.length, 1, 'services are not added');
	for (const path of ['/ip/cloud', '/snmp', '/system/clock', '/system/note', '/system/ntp/client', '/tool/mac-server', '/ip/neighbor/discovery-settings', '/ip/proxy', '/ipv6/settings', '/ip/firewall/connection/tracking']) {
		assert.equal(router.run(`${path}/print`).rows.length, 1, path);
	}
});

test('the rows a new router has: ppp profiles *0 and *FFFFFFFE, queue types, logging actions, defaults flagged', () => {
	const {router} = makeRouter('7.18.2');
	assert.deepEqual(router.run('/ppp/profile/print', {'.proplist': '.id,name,default'}).rows, [
		{'.id': '*0', name: 'default', default: 'true'}, {'.id': '*FFFFFFFE', name: 'default-encryption', default: 'true'},
	]);
	assert.deepEqual(router.run('/system/logging/action/print', {'.proplist': 'name'}).rows.map(row => row.name), ['memory', 'disk', 'echo', 'remote']);
	assert.equal(router.run('/queue/type/print', {}, {queries: ['name=pcq-download-default']}).rows[0]['pcq-classifier'], 'dst-address');
	assert.equal(router.run('/snmp/community/print').rows[0].default, 'true');
});

test('IPv6 addresses are checked as a router checks them, and printed in their short form', () => {
	const {router} = makeRouter('7.18.2');
	const run = mustRun(router);
	const trap = (path: string, row: Record<string, string>) => router.run(path, row).traps;
	const id = run('/ipv6/address/add', {address: '2001:0DB8:0:1:0:0:0:1/64', interface: 'ether2'});
	assert.equal(router.run('/ipv6/address/print').rows.find(row => row['.id'] === id)!.address, '2001:db8:0:1::1/64');
	assert.deepEqual(trap('/ipv6/address/add', {address: '2001:db8::g/64', interface: 'ether2'}), ['invalid value for argument address']);
	assert.deepEqual(trap('/ipv6/address/add', {address: '2001:db8::1/129', interface: 'ether2'}), ['invalid value for argument address']);
	assert.deepEqual(trap('/ipv6/address/add', {address: '192.168.88.1/24', interface: 'ether2'}), ['invalid value for argument address']);
	assert.deepEqual(trap('/ipv6/route/add', {'dst-address': '2000::/3', gateway: 'fe80::1%ether9'}), ['input does not match any value of gateway']);
	run('/ipv6/route/add', {'dst-address': '2000::/3', gateway: 'ether1'});
	assert.deepEqual(trap('/ipv6/firewall/filter/add', {chain: 'forward', 'src-address': '!2001:db8::/33x'}), ['invalid value for argument src-address']);
	run('/ipv6/firewall/filter/add', {chain: 'forward', 'src-address': '!2001:DB8::/32'});
	assert.equal(router.run('/ipv6/firewall/filter/print').rows.at(-1)!['src-address'], '!2001:db8::/32');
});
