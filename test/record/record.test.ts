import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {inflateRawSync, constants} from 'node:zlib';
import {describe, it} from 'node:test';
import {readRecording, RecordingError} from '../../source/record/reader.js';
import {stateAfter} from '../../source/record/replay.js';
import {Random} from '../../source/sim/engine/random.js';
import {recordSession, tempFolder} from './helpers.js';

/*
 * The flight recorder against a simulated router: what it writes replays into the screen the
 * session showed, survives being cut or damaged anywhere, and holds no secret.
 */

describe('the flight recorder', () => {
	it('replays into the state the live screen had, WAN rows, events and chart alike', async t => {
		const file = join(tempFolder(t), 'lab.pccrec');
		const live = await recordSession(file, {polls: 30});
		const recording = await readRecording(file);
		assert.equal(recording.damage, null);
		assert.equal(recording.meta.router, 'lab');
		const replayed = stateAfter(recording.records, recording.records.length, recording.meta.intervalMs);
		assert.deepEqual(replayed.wans, live.wans);
		assert.deepEqual(replayed.events, live.events);
		assert.deepEqual(replayed.mangle, live.mangle);
		assert.deepEqual(replayed.history, live.history);
		assert.ok(live.events.some(event => /wan2 DOWN/.test(event.text)), 'the failover happened while recording');
	});

	it('costs little on disk once the configuration is written', async t => {
		const folder = tempFolder(t);
		const short = join(folder, 'short.pccrec');
		const long = join(folder, 'long.pccrec');
		await recordSession(short, {polls: 10, stepMs: 1000, sim: {scenario: 'three-wan-weighted'}});
		await recordSession(long, {polls: 60, stepMs: 1000, sim: {scenario: 'three-wan-weighted'}});
		const perPoll = (readFileSync(long).length - readFileSync(short).length) / 50;
		t.diagnostic(`${perPoll.toFixed(0)} bytes per poll for a 3-WAN router (npm run bench has the figure)`);
		// A whole snapshot is kilobytes; records cost a fraction because only figures change.
		assert.ok(perPoll < 1000, `${perPoll} bytes per poll`);
	});

	it('writes a configuration re-read with grown counters as what changed, and replays it whole', async t => {
		const file = join(tempFolder(t), 'lab.pccrec');
		// The poller reads the configuration again every 30 polls; the rules' counters have grown by then.
		const live = await recordSession(file, {polls: 45, stepMs: 1000, sim: {scenario: 'three-wan-weighted'}});
		const recording = await readRecording(file);
		const replayed = stateAfter(recording.records, recording.records.length, recording.meta.intervalMs);
		assert.deepEqual(replayed.snapshot?.config, live.snapshot?.config);
		assert.deepEqual(replayed.snapshot?.topology, live.snapshot?.topology);
		const data = readFileSync(file);
		const text = inflateRawSync(data.subarray(data.indexOf(0x0a) + 1), {finishFlush: constants.Z_SYNC_FLUSH}).toString('utf8');
		assert.equal(text.split('"config":').length - 1, 1, 'the configuration is written whole once');
	});

	it('reads a file cut at any byte up to its last whole record, and says where it stops', async t => {
		const folder = tempFolder(t);
		const file = join(folder, 'lab.pccrec');
		await recordSession(file, {polls: 12});
		const whole = readFileSync(file);
		const full = await readRecording(file);
		const random = new Random(11);
		for (let cut = 0; cut < 25; cut++) {
			const at = random.int(whole.length);
			const part = join(folder, `cut-${at}.pccrec`);
			writeFileSync(part, whole.subarray(0, at));
			let read;
			try {
				read = await readRecording(part);
			} catch (error) {
				// Only a cut inside the first line leaves nothing to call a recording.
				assert.ok(error instanceof RecordingError && at <= whole.indexOf(0x0a), `cut at ${at}: ${String(error)}`);
				continue;
			}
			assert.deepEqual(read.records, full.records.slice(0, read.records.length), `cut at ${at}: a prefix of the whole`);
			assert.ok(read.damage, `cut at ${at} is reported`);
			assert.equal(read.damage.polls, read.records.filter(record => record.action.type === 'snapshot').length);
		}
	});

	it('survives bytes flipped anywhere after the first line, never throwing', async t => {
		const folder = tempFolder(t);
		const file = join(folder, 'lab.pccrec');
		await recordSession(file, {polls: 8});
		const whole = readFileSync(file);
		const full = await readRecording(file);
		const random = new Random(5);
		for (let flip = 0; flip < 25; flip++) {
			const damaged = Buffer.from(whole);
			const at = whole.indexOf(0x0a) + 1 + random.int(whole.length - whole.indexOf(0x0a) - 1);
			damaged[at] ^= 0xff;
			const path = join(folder, `flip-${at}.pccrec`);
			writeFileSync(path, damaged);
			const read = await readRecording(path);
			assert.ok(read.records.length <= full.records.length, `flip at ${at}`);
		}
	});

	it('says which format a newer recording needs, and what a file that is none is', async t => {
		const folder = tempFolder(t);
		const newer = join(folder, 'newer.pccrec');
		writeFileSync(newer, 'pccmon-recording 7 {"router":"lab","host":"127.0.0.1","started":0,"intervalMs":2000}\n');
		await assert.rejects(readRecording(newer), {message: `${newer}: recorded in format 7; this pccmon reads up to format 1: replay it with a newer pccmon`});
		const html = join(folder, 'page.pccrec');
		writeFileSync(html, '<html><body>not here</body></html>\n');
		await assert.rejects(readRecording(html), {message: `${html}: not a pccmon recording`});
	});

	it('holds no secret: the password never reaches the file', async t => {
		const file = join(tempFolder(t), 'lab.pccrec');
		const marker = 'secret-marker-7f3a91';
		await recordSession(file, {polls: 3, sim: {users: [{name: 'admin', password: marker, group: 'full'}]}});
		const data = readFileSync(file);
		const text = inflateRawSync(data.subarray(data.indexOf(0x0a) + 1), {finishFlush: constants.Z_SYNC_FLUSH}).toString('utf8');
		assert.ok(text.includes('wan1_conn'), 'the records were read');
		assert.ok(!text.includes(marker) && !data.includes(marker));
	});
});
