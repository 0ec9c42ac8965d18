import {test} from 'node:test';
import assert from 'node:assert/strict';
import {engineFor, pcc, wans} from './fixture.js';

test('scripts: route set/disable by comment, :log, [find] flushes everything, the rest is logged', () => {
	const router = wans(2);
	pcc(router, [1, 2]);
	const routes = router.table('/ip/route');
	routes.set(routes.items[0].id, {comment: 'isp1'});
	const engine = engineFor(router, {connections: 300});
	try {
		engine.runScript('/ip route disable [find comment="isp1"]; :log info "isp1 off"');
		assert.equal(routes.items[0].fields.disabled, 'true');
		engine.runScript('/ip/route/set [find where comment=isp1] gateway=10.0.1.254 disabled=no');
		assert.deepEqual([routes.items[0].fields.gateway, routes.items[0].fields.disabled], ['10.0.1.254', 'false']);
		assert.ok(router.lines.some(line => line.topics === 'script,info' && line.message === 'isp1 off'));
		assert.ok(engine.conntrack.size > 0);
		engine.runScript('/ip firewall connection remove [find]');
		assert.equal(engine.conntrack.size, 0);
		engine.runScript('/system reboot\n:foreach i in=[/ip route find] do={}');
		assert.equal(router.lines.filter(line => line.topics === 'script,warning').length, 2);
	} finally {
		engine.dispose();
	}
});
