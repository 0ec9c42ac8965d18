import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

// The built CLI in a real terminal (tmux), against its own in-process simulated router.
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const skip = !hasTmux ? 'tmux is not installed' : !existsSync(cli) ? 'dist/cli.js is missing: run npm run build' : false;

function tmux(...args: string[]): string {
	const result = spawnSync('tmux', args, {encoding: 'utf8'});
	if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr.trim()}`);
	return result.stdout;
}

/** Starts pccmon --demo in a detached tmux session of the given size; killed when the test ends. */
function startDemo(t: {after: (fn: () => void) => void}, columns: number, rows: number, extra = '') {
	const name = `pccmon-e2e-${process.pid}-${columns}x${rows}`;
	// The exit code is printed after pccmon leaves the alternate screen, so it shows once the shell has its screen back.
	tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows),
		`${process.execPath} ${cli} --demo ${extra}; echo PCCMON-EXIT=$?; sleep 60`);
	t.after(() => spawnSync('tmux', ['kill-session', '-t', name]));
	const screen = () => tmux('capture-pane', '-p', '-t', name);
	return {
		screen,
		keys: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys),
		resize: (width: number, height: number) => tmux('resize-window', '-t', name, '-x', String(width), '-y', String(height)),
		/** Polls the screen until `ok` holds, for at most `seconds`. */
		async until(ok: (text: string) => boolean, what: string, seconds = 60): Promise<string> {
			const deadline = Date.now() + seconds * 1000;
			let text = '';
			for (let polls = 0; polls < seconds * 10 && Date.now() < deadline; polls++) {
				text = screen();
				if (ok(text)) return text;
				await delay(100);
			}
			throw new Error(`the screen never showed ${what}; it showed:\n${text}`);
		},
	};
}

const wanRows = (text: string) => /● live/.test(text) && /^. wan1 .*\d/m.test(text) && /^. wan2 .*\d/m.test(text);

test('pccmon --demo at 80x24: WAN rows, help, chart modes, selection, and q restores the terminal', {skip}, async t => {
	const demo = startDemo(t, 80, 24);
	const first = await demo.until(wanRows, 'the WAN rows, live');
	const lines = first.replace(/\n+$/, '').split('\n');
	assert.ok(lines.length <= 24);
	assert.match(first, /pccmon pcc-failover {2}RouterOS 7\.18\.2/);
	assert.match(first, /WAN +BUCKET +CFG +CONNS +ACTUAL/);
	assert.match(first, /^› wan1 +0\/2 +50%/m);

	demo.keys('?');
	const help = await demo.until(text => text.includes('Keys (any key closes)'), 'the help overlay');
	assert.match(help, /space +freeze \/ unfreeze the screen/);
	assert.match(help, /q {2}ctrl-c +quit/);
	demo.keys('x');
	await demo.until(text => !text.includes('Keys (any key closes)'), 'the help closed');

	demo.keys('c');
	await demo.until(text => text.includes('Chart: throughput per WAN'), 'the throughput chart');
	demo.keys('j');
	await demo.until(text => /^› wan2/m.test(text), 'wan2 selected');
	demo.keys('f');
	await demo.until(text => text.includes('Flush wan2'), 'the flush dialog for wan2');
	demo.keys('Escape');
	await demo.until(text => !text.includes('Flush wan2'), 'the flush dialog closed');

	demo.keys('q');
	const after = await demo.until(text => text.includes('PCCMON-EXIT='), 'pccmon exited');
	assert.match(after, /PCCMON-EXIT=0/);
	assert.doesNotMatch(after, /wan1/, 'the alternate screen is gone and the shell screen is back');
});

test('the failover scenario at 100x30: wan2 goes down in its row, the routes pane and the events', {skip}, async t => {
	const demo = startDemo(t, 100, 30, '--interval 1');
	await demo.until(wanRows, 'the WAN rows, live');
	demo.keys('4');
	await demo.until(text => text.includes('▶ 4 Routes & netwatch'), 'the routes pane');
	// The scenario takes wan2's gateway down 15 s after the router starts.
	const down = await demo.until(text => /wan2 .*INACTIVE/.test(text), 'wan2\'s route inactive', 90);
	assert.match(down, /^. wan2 .*✗198\.51\.100\.1 +DOWN/m);
	assert.match(down, /198\.51\.100\.1 +DOWN/, 'its netwatch probe is down');
	demo.keys('5');
	const events = await demo.until(text => text.includes('wan2 DOWN: no active default route'), 'the wan2 DOWN event');
	assert.match(events, /\d\d:\d\d:\d\d ✗ route wan2 0\.0\.0\.0\/0 via 198\.51\.100\.1 inactive/);
	assert.match(events, /CONNS TREND/, 'at 100 columns the trend column shows');
	demo.resize(80, 24);
	const narrow = await demo.until(text => !text.includes('CONNS TREND') && /^  WAN +BUCKET/m.test(text), 'the layout for 80 columns');
	assert.match(narrow, /^. wan2 /m, 'the WAN rows are still there after the resize');
	demo.keys('q');
	await demo.until(text => text.includes('PCCMON-EXIT=0'), 'pccmon exited');
});
