import {test} from 'node:test';
import assert from 'node:assert/strict';
import {makeRouter} from '../helpers/sim-router.js';

test('netwatch entries start unknown; the engine sets status and since, in the version\'s date format', () => {
	const {router, clock} = makeRouter('7.19.4');
	const flush = '/ip firewall connection remove [find connection-mark=wan1_conn]';
	const id = router.run('/tool/netwatch/add', {host: '8.8.8.8', 'down-script': flush}).ret!;
	let row = router.run('/tool/netwatch/print').rows[0];
	assert.deepEqual([row.status, row.type, row.interval, row.timeout], ['unknown', 'simple', '10s', '1s']);
	clock.ms += 60_000;
	router.update('/tool/netwatch', Number.parseInt(id.slice(1), 16), {status: 'down', since: router.formatDate(clock.ms)});
	row = router.run('/tool/netwatch/print', {}, {queries: ['status=down']}).rows[0];
	assert.equal(row.since, '2024-01-02 13:46:00');
	assert.deepEqual(router.run('/tool/netwatch/add', {host: 'dns.google'}).traps, ['invalid value for argument host']);
	const v6 = makeRouter('6.49.10').router;
	v6.run('/tool/netwatch/add', {host: '8.8.8.8'});
	const old = v6.run('/tool/netwatch/print').rows[0];
	assert.equal(old.interval, '1m');
	assert.equal(old.type, undefined);
});

test('a dhcp client starts searching and needs an interface of its own', () => {
	const {router} = makeRouter();
	assert.deepEqual(router.run('/ip/dhcp-client/add', {interface: 'ether1'}).traps, []);
	const row = router.run('/ip/dhcp-client/print').rows[0];
	assert.deepEqual([row.status, row['add-default-route'], row['default-route-distance']], ['searching...', 'yes', '1']);
	assert.deepEqual(router.run('/ip/dhcp-client/add', {interface: 'ether1'}).traps, [
		'failure: dhcp-client on that interface already exists',
	]);
});

test('address lists keep one entry per address, with its creation time', () => {
	const {router} = makeRouter('7.9');
	const entry = {list: 'lan', address: '192.168.88.0/24'};
	assert.deepEqual(router.run('/ip/firewall/address-list/add', entry).traps, []);
	assert.deepEqual(router.run('/ip/firewall/address-list/add', entry).traps, ['failure: already have such entry']);
	const row = router.run('/ip/firewall/address-list/print').rows[0];
	assert.equal(row['creation-time'], 'jan/02/2024 13:45:00');
	const set = router.run('/ip/firewall/address-list/set', {'.id': row['.id'], 'creation-time': 'x'});
	assert.deepEqual(set.traps, ['unknown parameter']);
});

test('the hotspot menu exists and starts empty', () => {
	const {router} = makeRouter('7.19.4');
	assert.deepEqual(router.run('/ip/hotspot/print').replies.map(reply => reply.type), ['empty', 'done']);
});

test('system resource shows the version text, uptime from the clock and the board', () => {
	const {router, clock} = makeRouter('7.19.4');
	clock.ms += (3600 + 61) * 1000 + 450;
	const resource = router.run('/system/resource/print').rows[0];
	assert.equal(resource.uptime, '1h1m1s', 'whole seconds, as RouterOS prints it');
	assert.equal(resource.version, '7.19.4 (stable)');
	assert.equal(resource['board-name'], 'hEX');
	assert.match(resource['cpu-load'], /^\d+$/);
	assert.equal(router.run('/system/routerboard/print').rows[0]['current-firmware'], '7.19.4');
	assert.equal(makeRouter('6.49.10').router.run('/system/resource/print').rows[0].version, '6.49.10 (stable)');
});

test('after a reboot uptime counts from zero again and the log says so', () => {
	const {router, clock} = makeRouter('7.19.4');
	clock.ms += 3_600_000;
	router.reboot();
	clock.ms += 5000;
	assert.equal(router.run('/system/resource/print').rows[0].uptime, '5s');
	assert.equal(router.run('/log/print').rows.at(-1)!.message, 'router rebooted');
});
