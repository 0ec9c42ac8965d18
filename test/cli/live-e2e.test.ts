import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startInTmux, tmuxSkip} from '../helpers/tmux.js';

// The built CLI in a real terminal (tmux), against its own in-process simulated router.
function startDemo(t: {after: (fn: () => void) => void}, columns: number, rows: number, extra = '') {
	return startInTmux(t, 'pccmon-e2e', columns, rows, `--demo ${extra}`);
}

const wanRows = (text: string) => /● live/.test(text) && /^. wan1 .*\d/m.test(text) && /^. wan2 .*\d/m.test(text);

test('pccmon --demo at 80x24: WAN rows, help, chart modes, selection, and q restores the terminal', {skip: tmuxSkip}, async t => {
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

/** Seconds since midnight of `HH:MM:SS`. */
const secondsOf = (clock: string) => clock.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);

test('the failover scenario at 100x30: wan2 goes down in its row, the routes pane and the events', {skip: tmuxSkip}, async t => {
	// In Kolkata (UTC+05:30 all year), so a time shown in UTC or any other zone is told apart.
	const demo = startInTmux(t, 'pccmon-e2e', 100, 30, '--demo --interval 1', 'TZ=Asia/Kolkata');
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
	assert.match(events, /Events · times UTC\+05:30/, 'the pane names the zone of its times');
	const shown = /(\d\d:\d\d:\d\d) ✗ wan2 DOWN/.exec(events)![1];
	const kolkataNow = new Date(Date.now() + 330 * 60_000).toISOString().slice(11, 19);
	const apart = Math.abs(secondsOf(kolkataNow) - secondsOf(shown));
	assert.ok(Math.min(apart, 86_400 - apart) < 600, `the event at ${shown} is on Kolkata's clock (${kolkataNow} now), not another zone's`);
	assert.match(events, /CONNS TREND/, 'at 100 columns the trend column shows');
	demo.resize(80, 24);
	const narrow = await demo.until(text => !text.includes('CONNS TREND') && /^  WAN +BUCKET/m.test(text), 'the layout for 80 columns');
	assert.match(narrow, /^. wan2 /m, 'the WAN rows are still there after the resize');
	demo.keys('q');
	await demo.until(text => text.includes('PCCMON-EXIT=0'), 'pccmon exited');
});

test('TERM=dumb: no live screen but one line saying what to use, exit 2', {skip: tmuxSkip}, async t => {
	const {until} = startInTmux(t, 'pccmon-dumb', 80, 24, '--demo', 'TERM=dumb');
	const shown = await until(text => text.includes('PCCMON-EXIT='), 'pccmon to exit');
	assert.match(shown, /pccmon: this terminal \(TERM=dumb\) cannot show the live screen; use --once/);
	assert.match(shown, /PCCMON-EXIT=2/);
	assert.doesNotMatch(shown, /Chart|WAN +BUCKET/);
});

test('a demo makes no temporary folder until it acts, so killing it leaves nothing behind', {skip: tmuxSkip}, async t => {
	const temporary = mkdtempSync(join(tmpdir(), 'pccmon-e2e-tmp-'));
	t.after(() => rmSync(temporary, {recursive: true, force: true}));
	const demo = startInTmux(t, 'pccmon-e2e-tmp', 80, 24, '--demo --no-record', `TMPDIR=${temporary}`);
	await demo.until(wanRows, 'the WAN rows, live');
	assert.deepEqual(readdirSync(temporary), [], 'nothing made while the demo only watches');
	demo.keys('q');
	await demo.until(text => text.includes('PCCMON-EXIT=0'), 'q exits 0');
	assert.deepEqual(readdirSync(temporary), []);
});
