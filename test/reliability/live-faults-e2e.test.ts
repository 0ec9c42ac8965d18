import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {it} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {startSim} from '../../source/sim/index.js';
import {cliPath} from '../cli/helpers.js';

/*
 * The built CLI's live screen in a real terminal (tmux) against a simulated router in this
 * process, which the test reboots and then closes: the screen says it is reconnecting with
 * the attempt number, marks the data STALE, and comes back live by itself.
 */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const skip = !hasTmux ? 'tmux is not installed' : !existsSync(cliPath) ? 'dist/cli.js is missing: run npm run build' : false;

function tmux(...args: string[]): string {
	const result = spawnSync('tmux', args, {encoding: 'utf8'});
	if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr.trim()}`);
	return result.stdout;
}

it('pccmon HOST through a reboot and a closed port: reconnecting, STALE, then live again', {skip, timeout: 90_000}, async t => {
	const sim = await startSim({scenario: 'two-wan', seed: 4});
	t.after(() => sim.close());
	const name = `pccmon-rel-${process.pid}`;
	tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '48',
		`PCCMON_PASSWORD= ${process.execPath} ${cliPath} 127.0.0.1:${sim.port} --interval 0.5; echo PCCMON-EXIT=$?; sleep 60`);
	t.after(() => spawnSync('tmux', ['kill-session', '-t', name]));
	const screen = () => tmux('capture-pane', '-p', '-t', name);
	async function until(ok: (text: string) => boolean, what: string, seconds = 30): Promise<string> {
		const deadline = Date.now() + seconds * 1000;
		let text = '';
		for (let polls = 0; polls < seconds * 10 && Date.now() < deadline; polls++) {
			text = screen();
			if (ok(text)) return text;
			await delay(100);
		}
		throw new Error(`the screen never showed ${what}; it showed:\n${text}`);
	}
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
	tmux('send-keys', '-t', name, 'q');
	const quit = await until(text => /PCCMON-EXIT=\d+/.test(text), 'pccmon quitting');
	assert.match(quit, /PCCMON-EXIT=0/);
});
