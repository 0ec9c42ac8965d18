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
	assert.equal(monitor.write ? '' : monitor.reason, 'read-only: account monitor is in group read, which lacks the write policy');
	assert.equal(sim.router.rows('/ip/firewall/mangle').length, before);
});

it('a router without /user (an account that may not read it) is probed with a harmless write', async () => {
	const sim = await scenarioRouter('two-wan');
	cleanups.push(() => sim.close());
	for (const item of [...sim.router.rows('/user')]) sim.router.delete('/user', item.id);
	const monitor = await detectAccess(await sim.connect('monitor'));
	assert.equal(monitor.write ? '' : monitor.reason, 'read-only: account monitor may not change the router (its group lacks the write policy)');
	assert.deepEqual(await detectAccess(await sim.connect('admin')), {write: true});
});

it('--read-only refuses every action with one line', () => {
	assert.throws(() => requireWrite(readOnlyFlag(), 'flush'), {name: 'ReadOnlyError', message: 'flush refused: read-only (--read-only); nothing was changed'});
	assert.doesNotThrow(() => requireWrite({write: true}, 'flush'));
});
