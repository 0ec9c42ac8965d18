import assert from 'node:assert/strict';
import {it} from 'node:test';
import {startSim} from '../../source/sim/index.js';
import {startInTmux, tmuxSkip} from '../helpers/tmux.js';

/*
 * The built CLI's live screen in a real terminal (tmux) against a simulated router in this
 * process, which the test reboots and then closes: the screen says it is reconnecting with
 * the attempt number, marks the data STALE, and comes back live by itself.
 */
it('pccmon HOST through a reboot and a closed port: reconnecting, STALE, then live again', {skip: tmuxSkip, timeout: 90_000}, async t => {
	const sim = await startSim({scenario: 'two-wan', seed: 4});
	t.after(() => sim.close());
	const {keys, until} = startInTmux(t, 'pccmon-rel', 160, 48, `127.0.0.1:${sim.port} --interval 0.5`, 'PCCMON_PASSWORD=');
	const live = (text: string) => /● live/.test(text) && /^. wan1 .*\d/m.test(text) && !/STALE/.test(text);

	await until(live, 'the WAN rows, live');
	await sim.faults.set({closed: true});
	const down = await until(text => /reconnecting [2-9]/.test(text) && /STALE/.test(text), 'reconnecting with a later attempt, data STALE');
	assert.doesNotMatch(down, /● live/);
	assert.doesNotMatch(down, /PCCMON-EXIT/, 'still running');
	await sim.faults.clear();
	const back = await until(live, 'live again after the port opened');
	assert.match(back, /reconnected after \d+ attempts?/);

	// One drop, and the first try gets back in: the screen counts one attempt, not two.
	await sim.faults.set({fatal: 'session limit'});
	const again = await until(text => (text.match(/reconnected after/g) ?? []).length >= 2, 'a second reconnect');
	assert.match(again, /reconnected after 1 attempt(?!s)/);

	await sim.restart(1500);
	await until(text => /reconnecting \d/.test(text), 'reconnecting after the reboot');
	await until(live, 'live again after the reboot');
	keys('q');
	const quit = await until(text => /PCCMON-EXIT=\d+/.test(text), 'pccmon quitting');
	assert.match(quit, /PCCMON-EXIT=0/);
});
