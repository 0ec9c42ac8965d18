import {test} from 'node:test';
import assert from 'node:assert/strict';
import {makeRouter} from '../helpers/sim-router.js';

test('firewall rules accept the built-in interface names RouterOS knows (all-ppp, all-ethernet, ...), and still refuse unknown ones', () => {
	for (const version of ['6.49.17', '7.19.4']) {
		const {router} = makeRouter(version);
		for (const name of ['all-ppp', 'all-ethernet', 'all-vlan', 'all-wireless', '!all-ppp']) {
			const result = router.run('/ip/firewall/nat/add', {chain: 'srcnat', action: 'masquerade', 'out-interface': name});
			assert.deepEqual(result.traps, [], `${version} out-interface=${name}`);
		}
		assert.deepEqual(router.run('/ip/firewall/mangle/add', {chain: 'prerouting', 'in-interface': 'all-ppp', action: 'passthrough'}).traps, []);
		assert.notDeepEqual(router.run('/ip/firewall/nat/add', {chain: 'srcnat', action: 'masquerade', 'out-interface': 'all-pppoe'}).traps, []);
	}
});
