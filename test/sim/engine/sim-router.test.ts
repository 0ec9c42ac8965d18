import {test} from 'node:test';
import assert from 'node:assert/strict';
import {SimClock} from '../../../source/sim/engine/clock.js';
import {ConnectionTable} from '../../../source/sim/engine/conntrack.js';
import {SimEngine} from '../../../source/sim/engine/engine.js';
import {SimRouter} from '../../../source/sim/router.js';

/** The seeds' 2-WAN set-up typed into the real command layer, then traffic through it. */
function seedRouter(version: string): {router: SimRouter; engine: SimEngine} {
	const clock = new SimClock(Date.UTC(2026, 0, 1));
	const conntrack = new ConnectionTable();
	const router = new SimRouter({version, conntrack, now: () => clock.now()});
	const v7 = version.startsWith('7');
	const run = (command: string, attributes: Record<string, string>) => {
		const result = router.run(command, attributes);
		assert.deepEqual(result.traps, [], `${command} ${JSON.stringify(attributes)}`);
	};
	run('/interface/bridge/add', {name: 'bridge'});
	run('/interface/bridge/port/add', {bridge: 'bridge', interface: 'ether3'});
	run('/ip/address/add', {address: '192.168.88.1/24', interface: 'bridge'});
	run('/ip/address/add', {address: '203.0.113.2/24', interface: 'ether1'});
	run('/ip/address/add', {address: '198.51.100.2/24', interface: 'ether2'});
	const table = (name: string): Record<string, string> => ({[v7 ? 'routing-table' : 'routing-mark']: name});
	if (v7) {
		run('/routing/table/add', {name: 'wan1', fib: ''});
		run('/routing/table/add', {name: 'wan2', fib: ''});
	}
	run('/ip/route/add', {'dst-address': '0.0.0.0/0', gateway: '203.0.113.1', 'check-gateway': 'ping', ...table('wan1')});
	run('/ip/route/add', {'dst-address': '0.0.0.0/0', gateway: '198.51.100.1', 'check-gateway': 'ping', ...table('wan2')});
	run('/ip/route/add', {'dst-address': '0.0.0.0/0', gateway: '203.0.113.1', distance: '1', 'check-gateway': 'ping'});
	run('/ip/route/add', {'dst-address': '0.0.0.0/0', gateway: '198.51.100.1', distance: '2', 'check-gateway': 'ping'});
	for (const [wan, bucket] of [['wan1', '0'], ['wan2', '1']]) {
		run('/ip/firewall/mangle/add', {
			chain: 'prerouting', action: 'mark-connection', 'new-connection-mark': `${wan}_conn`, passthrough: 'yes',
			'per-connection-classifier': `both-addresses-and-ports:2/${bucket}`, 'connection-state': 'new', 'in-interface': 'bridge',
		});
		run('/ip/firewall/mangle/add', {chain: 'prerouting', action: 'mark-routing', 'new-routing-mark': wan, passthrough: 'no', 'connection-mark': `${wan}_conn`, 'in-interface': 'bridge'});
	}
	run('/ip/firewall/nat/add', {chain: 'srcnat', action: 'masquerade', 'out-interface': 'ether1'});
	run('/ip/firewall/nat/add', {chain: 'srcnat', action: 'masquerade', 'out-interface': 'ether2'});
	const engine = new SimEngine(router, {clock, conntrack, seed: 3, rate: 100, connections: 1000});
	engine.start({realTime: false});
	return {router, engine};
}

for (const version of ['7.18.2', '6.49.10']) {
	test(`RouterOS ${version} through the command layer: marks, stats, connection prints and failover`, () => {
		const {router, engine} = seedRouter(version);
		try {
			engine.step(2000);
			const count = (mark: string) => Number(router.run('/ip/firewall/connection/print', {'count-only': ''}, {queries: [`connection-mark=${mark}`]}).ret);
			const wan1 = count('wan1_conn');
			const wan2 = count('wan2_conn');
			assert.equal(wan1, engine.conntrack.countByMark('wan1_conn'));
			assert.ok(wan1 > 300 && wan2 > 300, `${wan1} / ${wan2}`);
			const stats = router.run('/ip/firewall/mangle/print', {stats: ''}).rows;
			assert.ok(stats.every(row => Number(row.packets) > 0 && Number(row.bytes) > 0), JSON.stringify(stats));
			const rows = router.run('/ip/firewall/connection/print', {}, {queries: ['connection-mark=wan2_conn']}).rows;
			assert.equal(rows.length, wan2);
			assert.match(rows[0]['reply-dst-address'], /^198\.51\.100\.2:\d+$/);
			engine.setGatewayReachable('203.0.113.1', false);
			engine.step(20_000);
			const routes = router.run('/ip/route/print', {}).rows.filter(row => row.gateway === '203.0.113.1');
			assert.equal(routes.length, 2);
			assert.ok(routes.every(row => row.active === 'false'), JSON.stringify(routes));
			if (version.startsWith('6')) assert.ok(routes.every(row => row['gateway-status'] === '203.0.113.1 unreachable'));
		} finally {
			engine.dispose();
		}
	});
}
