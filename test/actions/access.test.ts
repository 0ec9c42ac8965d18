import {afterEach, it} from 'node:test';
import assert from 'node:assert/strict';
import {detectAccess, policyAllowsWrite, readOnlyFlag, requireWrite} from '../../source/actions/access.js';
import {scenarioRouter} from './scenario-router.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

it('a group policy grants write only when it lists write without a !', () => {
	assert.equal(policyAllowsWrite('local,telnet,ssh,reboot,read,write,policy,test,winbox,api,!sensitive'), true);
	assert.equal(policyAllowsWrite('local,ssh,read,!write,api'), false);
	assert.equal(policyAllowsWrite('read,api'), false);
});

it('finds a full account writable and a read-group account read-only, changing nothing', async () => {
	const sim = await scenarioRouter('two-wan');
	cleanups.push(() => sim.close());
	const before = sim.router.rows('/ip/firewall/mangle').length;
	assert.deepEqual(await detectAccess(await sim.connect('admin')), {write: true});
	const monitor = await detectAccess(await sim.connect('monitor'));
	assert.equal(monitor.write, false);
	assert.match(monitor.write ? '' : monitor.reason, /^read-only: account monitor .*write policy/);
	assert.equal(sim.router.rows('/ip/firewall/mangle').length, before);
});

it('--read-only refuses every action with one line', () => {
	assert.throws(() => requireWrite(readOnlyFlag(), 'flush'), {name: 'ReadOnlyError', message: 'flush refused: read-only (--read-only); nothing was changed'});
	assert.doesNotThrow(() => requireWrite({write: true}, 'flush'));
});
