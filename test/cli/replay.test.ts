import assert from 'node:assert/strict';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {recordSession, tempFolder} from '../record/helpers.js';
import {startInTmux, tmuxSkip} from '../helpers/tmux.js';
import {runCli} from './helpers.js';

/*
 * `pccmon replay` on a recording of the failover scenario: the report of a moment in the
 * shape of --once, the event log, and the screen stepped to the moment wan2 went down.
 */

interface Report {
	status: string;
	pcc: {wans: Array<{name: string; state: string; connections: number}>};
}

async function failoverRecording(t: {after: (fn: () => void) => void}): Promise<string> {
	const file = join(tempFolder(t), 'lab.pccrec');
	await recordSession(file, {polls: 30});
	return file;
}

/** The time of the event whose text matches, as `--events` prints it. */
async function eventTime(file: string, text: RegExp): Promise<string> {
	const events = await runCli(['replay', file, '--events']);
	assert.equal(events.code, 0, events.stderr);
	const line = events.stdout.split('\n').find(candidate => text.test(candidate));
	assert.ok(line, `no event ${text} in:\n${events.stdout}`);
	return /^\d{4}-\d\d-\d\d (\d\d:\d\d:\d\d)/.exec(line)![1];
}

describe('pccmon replay', () => {
	it('--events prints every event with its date, time and zone, one line each', async t => {
		const file = await failoverRecording(t);
		const events = await runCli(['replay', file, '--events'], {TZ: 'UTC'});
		assert.equal(events.code, 0, events.stderr);
		const lines = events.stdout.trimEnd().split('\n');
		assert.ok(lines.length >= 3);
		for (const line of lines) assert.match(line, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC {2}(info|good|warning|error) +\S/);
		assert.ok(lines.some(line => /error +wan2 DOWN/.test(line)));

		// The same events read in Kolkata: the same moments, 5 h 30 later on the clock, and it says so.
		const kolkata = await runCli(['replay', file, '--events'], {TZ: 'Asia/Kolkata'});
		const shifted = lines.map(line => {
			const [, day, clock, rest] = /^(\S+) (\S+) UTC(.*)$/.exec(line)!;
			const local = new Date(Date.parse(`${day}T${clock}Z`) + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
			return `${local} +05:30${rest}`;
		});
		assert.deepEqual(kolkata.stdout.trimEnd().split('\n'), shifted);
	});

	it('--once reports a moment in the shape of --once, and --at picks it', async t => {
		const file = await failoverRecording(t);
		const down = await eventTime(file, /wan2 DOWN/);
		const start = await runCli(['replay', file, '--once', '--json', '--at', '+0']);
		assert.equal(start.code, 0, start.stderr);
		const before = JSON.parse(start.stdout) as Report;
		assert.deepEqual(Object.keys(before).sort(), ['connections', 'counting', 'pcc', 'reason', 'router', 'routeros', 'status']);
		assert.equal(before.pcc.wans.find(wan => wan.name === 'wan2')?.state, 'up');

		const atDown = await runCli(['replay', file, '--once', '--json', '--at', down]);
		assert.equal(atDown.code, 1, 'a WAN down is exit 1, as --once');
		const after = JSON.parse(atDown.stdout) as Report;
		assert.equal(after.status, 'degraded');
		assert.equal(after.pcc.wans.find(wan => wan.name === 'wan2')?.state, 'down');

		const text = await runCli(['replay', file, '--once', '--at', down]);
		assert.match(text.stdout, /^WAN wan2 {2}DOWN/m);
		assert.match(text.stdout, new RegExp(`^Time {4}\\d{4}-\\d\\d-\\d\\d ${down} (UTC|[+-]\\d\\d:\\d\\d)$`, 'm'), 'the moment reported, dated and zoned');
		const outside = await runCli(['replay', file, '--once', '--at', '+86400']);
		assert.equal(outside.code, 2);
		assert.match(outside.stderr, /^pccmon: --at \+86400 is outside the recording, which runs from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d (UTC|[+-]\d\d:\d\d) to .+\n$/);
	});

	it('replays a cut file up to the cut and says where it stops; a newer format says what it needs', async t => {
		const file = await failoverRecording(t);
		const whole = readFileSync(file);
		const cut = join(tempFolder(t), 'cut.pccrec');
		writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
		const result = await runCli(['replay', cut, '--once']);
		assert.match(result.stderr, new RegExp(`^pccmon: ${cut} is cut or damaged after poll \\d+ \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (UTC|[+-]\\d\\d:\\d\\d)\\); replaying up to there\\n$`));
		assert.match(result.stdout, /^Router {2}pcc-failover/);

		const newer = join(tempFolder(t), 'newer.pccrec');
		writeFileSync(newer, 'pccmon-recording 2 {"router":"lab","host":"127.0.0.1","started":0,"intervalMs":2000}\n');
		const refused = await runCli(['replay', newer]);
		assert.equal(refused.code, 2);
		assert.equal(refused.stderr, `pccmon: ${newer}: recorded in format 2; this pccmon reads up to format 1: replay it with a newer pccmon\n`);
	});

	it('at 80x24, ] steps to the moment wan2 went down, keys move through it, and actions are off', {skip: tmuxSkip}, async t => {
		const file = await failoverRecording(t);
		const down = await eventTime(file, /wan2 DOWN/);
		const screen = startInTmux(t, 'pccmon-replay', 80, 24, `replay ${file}`);
		await screen.until(text => /❚❚ REPLAY \d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}poll 1\/30/.test(text), 'the first poll, paused');
		// The ROUTE column, not NETW: netwatch says down a few polls before the route does.
		const routeDown = /^. wan2 .*✗\S+ +DOWN\b/m;
		let shown = '';
		for (let press = 0; press < 10 && !routeDown.test(shown); press++) {
			const before = screen.screen();
			screen.keys(']');
			shown = await screen.until(text => text !== before || /poll 30\/30/.test(text), 'the next event');
		}
		assert.match(shown, routeDown);
		assert.match(shown, new RegExp(`REPLAY \\d{4}-\\d\\d-\\d\\d ${down} `), 'the header shows the moment of the DOWN event');

		screen.keys('Left');
		await screen.until(text => !routeDown.test(text), 'one poll back: wan2 not down yet');
		screen.keys('G');
		await screen.until(text => /poll 30\/30/.test(text), 'the end');
		screen.keys('g');
		await screen.until(text => /poll 1\/30/.test(text), 'the start');
		screen.keys('f');
		await screen.until(text => /read-only \(replay\): flush is off/.test(text), 'no flush in a replay');
		screen.keys('q');
		await screen.until(text => text.includes('PCCMON-EXIT=0'), 'q exits 0');
	});
});

describe('the live screen records', () => {
	it('every session into the recordings folder unless --no-record, and says where on exit', {skip: tmuxSkip}, async t => {
		const {startSim} = await import('../../source/sim/index.js');
		const sim = await startSim({scenario: 'two-wan', clock: 'manual'});
		t.after(() => sim.close());
		const state = tempFolder(t);
		const live = startInTmux(t, 'pccmon-rec', 100, 30, `127.0.0.1:${sim.port}`, `XDG_STATE_HOME=${state} PCCMON_PASSWORD=`);
		await live.until(text => /● live/.test(text) && /^. wan2 .*\d/m.test(text), 'the WAN rows');
		live.keys('q');
		const end = await live.until(text => text.includes('PCCMON-EXIT=0'), 'q exits 0');
		const [name] = readdirSync(join(state, 'pccmon', 'recordings'));
		assert.match(name, /^127\.0\.0\.1-\d{8}-\d{6}\.pccrec$/);
		assert.match(end.replace(/\n/g, ''), /this session was recorded in .*recordings\/127\.0\.0\.1-\d{8}-\d{6}\.pccrec/);
		const replayed = await runCli(['replay', join(state, 'pccmon', 'recordings', name), '--once']);
		assert.match(replayed.stdout, /^WAN wan2/m);

		const quiet = tempFolder(t);
		const unrecorded = startInTmux(t, 'pccmon-norec', 100, 30, `127.0.0.1:${sim.port} --no-record`, `XDG_STATE_HOME=${quiet} PCCMON_PASSWORD=`);
		await unrecorded.until(text => /● live/.test(text), 'live');
		unrecorded.keys('q');
		await unrecorded.until(text => text.includes('PCCMON-EXIT=0'), 'q exits 0');
		assert.deepEqual(readdirSync(quiet), []);
	});
});
