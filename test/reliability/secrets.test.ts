import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmod, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {startSim, type SimHandle} from '../../source/sim/index.js';
import {cliPath, runCli} from '../cli/helpers.js';

/*
 * The password is a unique marker; every output pccmon makes is searched for it: stdout and
 * stderr of reports, --json, failures and actions, the audit log, and the command line of a
 * running pccmon as other users of the machine see it (/proc/PID/cmdline).
 */
const marker = `pw-${randomBytes(8).toString('hex')}-MARKER`;
const state = await mkdtemp(join(tmpdir(), 'pccmon-secrets-'));
const env = {PCCMON_PASSWORD: marker, XDG_STATE_HOME: state};
const sims: SimHandle[] = [];
after(async () => {
	await Promise.all(sims.map(sim => sim.close()));
	await rm(state, {recursive: true, force: true});
});

async function router(password = marker): Promise<SimHandle> {
	const sim = await startSim({scenario: 'two-wan', clock: 'manual', seed: 2, users: [{name: 'admin', password, group: 'full'}]});
	sims.push(sim);
	return sim;
}

function assertNoMarker(text: string, where: string): void {
	assert.ok(!text.includes(marker), `the password appears in ${where}:\n${text}`);
}

async function filesUnder(dir: string): Promise<string[]> {
	const entries = await readdir(dir, {withFileTypes: true, recursive: true});
	return entries.filter(entry => entry.isFile()).map(entry => join(entry.parentPath ?? (entry as unknown as {path: string}).path, entry.name));
}

describe('the password never shows', () => {
	it('in --once, --json, a wrong-password failure, a flush and the audit log', {timeout: 60_000}, async () => {
		const sim = await router();
		const target = `127.0.0.1:${sim.port}`;
		const runs = {
			once: await runCli([target, '--once'], env),
			json: await runCli([target, '--once', '--json'], env),
			flush: await runCli([target, 'flush', 'wan1', '--yes'], env),
			wrong: await runCli([`127.0.0.1:${(await router('another')).port}`, '--once'], env),
		};
		assert.ok(runs.once.code === 0 || runs.once.code === 1, runs.once.stderr);
		assert.equal(runs.flush.code, 0, runs.flush.stderr);
		assert.equal(runs.wrong.code, 2);
		for (const [name, result] of Object.entries(runs)) {
			assertNoMarker(result.stdout, `${name} stdout`);
			assertNoMarker(result.stderr, `${name} stderr`);
		}
		const files = await filesUnder(state);
		assert.ok(files.length > 0, 'the flush wrote an audit log');
		for (const file of files) assertNoMarker(await readFile(file, 'utf8'), file);
	});

	it('in the command line of a running pccmon', {timeout: 30_000, skip: process.platform !== 'linux' && 'needs /proc'}, async () => {
		const sim = await router();
		// A stalled router keeps pccmon waiting on its login long enough to look at it.
		await sim.faults.set({stall: true});
		const child = spawn(process.execPath, [cliPath, `127.0.0.1:${sim.port}`, '--once'], {env: {...process.env, ...env}, stdio: 'ignore'});
		try {
			for (let turn = 0; turn < 200 && sim.faults.stalledCommands === 0; turn++) await new Promise(resolve => setTimeout(resolve, 20));
			assert.ok(sim.faults.stalledCommands > 0, 'pccmon reached the router');
			const cmdline = (await readFile(`/proc/${child.pid}/cmdline`, 'utf8')).split('\0').join(' ');
			// pccmon renames its process, which also hides the rest of its arguments.
			assert.match(cmdline, /pccmon|cli\.js/);
			assertNoMarker(cmdline, '/proc/PID/cmdline');
		} finally {
			child.kill('SIGTERM');
			await new Promise(resolve => child.once('exit', resolve));
		}
	});

	it('with a --password-file others can read: a warning naming the file, not the password', {timeout: 30_000}, async () => {
		const sim = await router();
		const file = join(state, 'password');
		await writeFile(file, `${marker}\n`);
		await chmod(file, 0o644);
		const result = await runCli([`127.0.0.1:${sim.port}`, '--once', '--password-file', file], {XDG_STATE_HOME: state, PCCMON_PASSWORD: undefined});
		assert.ok(result.code === 0 || result.code === 1, result.stderr);
		assert.match(result.stderr, /password/i);
		assert.ok(result.stderr.includes(file), result.stderr);
		assertNoMarker(result.stdout + result.stderr, 'the output');
	});
});
