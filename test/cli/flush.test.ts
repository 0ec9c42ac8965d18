import {afterEach, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {auditLogPath, readAudit} from '../../source/actions/audit.js';
import {scenarioRouter, type ScenarioRouter} from '../actions/scenario-router.js';
import {startSim} from '../../source/sim/index.js';
import {spawn} from 'node:child_process';
import {setTimeout as delay} from 'node:timers/promises';
import {cliPath, runCli} from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The two-wan router with 300 connections (100 per mark and 100 unmarked), and a private audit log. */
async function setup(): Promise<{sim: ScenarioRouter; env: NodeJS.ProcessEnv; auditPath: string}> {
	const sim = await scenarioRouter('two-wan');
	const state = await mkdtemp(join(tmpdir(), 'pccmon-flush-'));
	cleanups.push(() => sim.close(), () => rm(state, {recursive: true, force: true}));
	const marks = ['wan1_conn', 'wan2_conn', undefined];
	for (let index = 0; index < 300; index++) sim.conntrack.add({mark: marks[index % 3], protocol: index % 2 ? 'udp' : 'tcp'});
	const env = {XDG_STATE_HOME: state, PCCMON_PASSWORD: ''};
	return {sim, env, auditPath: auditLogPath(env)};
}

function flushArgs(sim: ScenarioRouter, ...rest: string[]): string[] {
	return [`127.0.0.1:${sim.port}`, 'flush', ...rest];
}

function oneLine(stderr: string): string {
	const lines = stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, `one line expected:\n${stderr}`);
	return lines[0];
}

describe('pccmon HOST flush WAN', () => {
	it('--yes removes the WAN\'s connections, prints what it did, logs it, and exits 0', async () => {
		const {sim, env, auditPath} = await setup();
		const result = await runCli(flushArgs(sim, 'wan2', '--yes'), env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /100 connections carry wan2_conn \(wan2\): tcp 50, udp 50, icmp 0, other 0/);
		assert.match(result.stdout, /^wan2: removed 100 of 100$/m);
		assert.equal(sim.conntrack.countByMark('wan2_conn'), 0);
		assert.equal(sim.conntrack.countByMark('wan1_conn'), 100);
		const entries = await readAudit(auditPath);
		assert.equal(entries.length, 1);
		assert.equal(entries[0].action, 'flush');
		assert.equal(entries[0].result, 'ok');
		assert.equal(entries[0].account, 'admin');
		assert.equal(entries[0].router.identity, 'pcc-two-wan');
		assert.deepEqual(entries[0].parameters, {wan: 'wan2', mark: 'wan2_conn', scope: 'all'});
	});

	it('names the WAN by its connection mark too', async () => {
		const {sim, env} = await setup();
		const result = await runCli(flushArgs(sim, 'wan1_conn', '--yes'), env);
		assert.equal(result.code, 0, result.stderr);
		assert.equal(sim.conntrack.countByMark('wan1_conn'), 0);
	});

	it('--dry-run shows the count and changes nothing', async () => {
		const {sim, env, auditPath} = await setup();
		const result = await runCli(flushArgs(sim, 'wan2', '--dry-run'), env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /dry run: would remove these 100 connections; nothing was changed/);
		assert.equal(sim.conntrack.countByMark('wan2_conn'), 100);
		assert.deepEqual(await readAudit(auditPath), []);
	});

	it('without a terminal and without --yes it refuses with one line', async () => {
		const {sim, env} = await setup();
		const result = await runCli(flushArgs(sim, 'wan2'), env);
		assert.equal(result.code, 2);
		assert.match(oneLine(result.stderr), /^pccmon: flush needs --yes when not run on a terminal; nothing was changed$/);
		assert.equal(sim.conntrack.countByMark('wan2_conn'), 100);
	});

	it('--read-only refuses with one line before connecting', async () => {
		const {sim, env} = await setup();
		const result = await runCli(flushArgs(sim, 'wan2', '--yes', '--read-only'), env);
		assert.equal(result.code, 2);
		assert.match(oneLine(result.stderr), /flush refused: read-only \(--read-only\); nothing was changed/);
		assert.equal(sim.conntrack.countByMark('wan2_conn'), 100);
	});

	it('an account whose group lacks write is refused with one line saying why', async () => {
		const {sim, env, auditPath} = await setup();
		const result = await runCli(flushArgs(sim, 'wan2', '--yes', '--user', 'monitor'), {...env, PCCMON_PASSWORD: 'watch'});
		assert.equal(result.code, 2);
		assert.match(oneLine(result.stderr), /flush refused: read-only: account monitor .*write policy.*nothing was changed/);
		assert.equal(sim.conntrack.countByMark('wan2_conn'), 100);
		assert.deepEqual(await readAudit(auditPath), []);
	});

	it('an unknown WAN gets one line listing the WANs there are', async () => {
		const {sim, env} = await setup();
		const result = await runCli(flushArgs(sim, 'wan9', '--yes'), env);
		assert.equal(result.code, 2);
		assert.match(oneLine(result.stderr), /no WAN "wan9" on pcc-two-wan; WANs: wan1 \(wan1_conn\), wan2 \(wan2_conn\)/);
	});

	it('a router that is not there is one line and exit 2', async () => {
		const {sim, env} = await setup();
		const port = sim.port;
		await sim.close();
		const result = await runCli([`127.0.0.1:${port}`, 'flush', 'wan2', '--yes'], env);
		assert.equal(result.code, 2);
		assert.match(oneLine(result.stderr), /^pccmon: /);
	});

	it('--demo acts on the in-process simulated router', async () => {
		const {env, auditPath} = await setup();
		const result = await runCli(['--demo', '--scenario', 'two-wan', 'flush', 'wan2', '--yes'], env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^pcc-two-wan: [\d,]+ connections carry wan2_conn/m);
		assert.match(result.stdout, /^wan2: removed [\d,]+ of [\d,]+/m);
		assert.equal((await readAudit(auditPath)).length, 0, 'the demo keeps its own audit log');
		const named = /logged in (.+)\/audit\.log$/m.exec(result.stderr);
		if (named) cleanups.push(() => rm(named[1], {recursive: true, force: true}));
	});
});

describe('pccmon HOST flush WAN --stuck', () => {
	/** The failover scenario 42 s in: wan2's gateway is down, its route inactive. */
	async function failover() {
		const sim = await startSim({scenario: 'failover', clock: 'manual', seed: 3, connections: 2_000, rate: 100});
		const state = await mkdtemp(join(tmpdir(), 'pccmon-flush-'));
		cleanups.push(() => sim.close(), () => rm(state, {recursive: true, force: true}));
		sim.step(42_000);
		const env = {XDG_STATE_HOME: state, PCCMON_PASSWORD: ''};
		const natted = (address: string) => [...sim.router.conntrack.values()]
			.filter(connection => connection.mark === 'wan2_conn' && connection.natAddress === address).length;
		return {sim, env, auditPath: auditLogPath(env), natted, args: [`${sim.host}:${sim.port}`, 'flush']};
	}

	it('removes only the connections wan2 left with before its route went down, and says how many work', async () => {
		const {env, auditPath, natted, args} = await failover();
		const dead = natted('198.51.100.2');
		const working = natted('203.0.113.2');
		assert.ok(dead > 0 && working > 0, `both kinds present (${dead} stuck, ${working} working)`);

		const dry = await runCli([...args, 'wan2', '--stuck', '--dry-run'], env);
		assert.equal(dry.code, 0, dry.stderr);
		assert.match(dry.stdout, new RegExp(`^${dead} of them are stuck, left by wan2 before its route went down; the other ${working} left by another WAN and work$`, 'm'));
		assert.match(dry.stdout, new RegExp(`would remove these ${dead} stuck connections; nothing was changed`));
		assert.equal(natted('198.51.100.2'), dead, 'a dry run changes nothing');

		const result = await runCli([...args, 'wan2', '--stuck', '--yes'], env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, new RegExp(`^wan2: removed ${dead} of ${dead}; ${working} working ones keep the mark$`, 'm'));
		assert.equal(natted('198.51.100.2'), 0);
		assert.equal(natted('203.0.113.2'), working);
		const [entry] = await readAudit(auditPath);
		assert.deepEqual(entry.parameters, {wan: 'wan2', mark: 'wan2_conn', scope: 'stuck'});
		assert.equal(entry.result, 'ok');
	});

	it('refuses for a WAN whose route is up, in one line, changing nothing', async () => {
		const {sim, env, auditPath, args} = await failover();
		const before = [...sim.router.conntrack.values()].filter(connection => connection.mark === 'wan1_conn').length;
		const result = await runCli([...args, 'wan1', '--stuck', '--yes'], env);
		assert.equal(result.code, 2);
		assert.match(oneLine(result.stderr), /wan1's route is up, so none of its connections are stuck; flush without --stuck/);
		assert.equal([...sim.router.conntrack.values()].filter(connection => connection.mark === 'wan1_conn').length, before);
		assert.deepEqual(await readAudit(auditPath), []);
	});

	it('is refused without flush', async () => {
		const result = await runCli(['--demo', '--stuck', '--once']);
		assert.equal(result.code, 2);
		assert.match(oneLine(result.stderr), /--stuck goes with flush: pccmon HOST flush WAN --stuck/);
	});
});

describe('pccmon --demo flush WAN', () => {
	it('keeps the demo\'s audit log apart from the user\'s and names it on exit', async () => {
		const state = await mkdtemp(join(tmpdir(), 'pccmon-demo-state-'));
		cleanups.push(() => rm(state, {recursive: true, force: true}));
		const env = {XDG_STATE_HOME: state};
		const result = await runCli(['--demo', '--scenario', 'two-wan', '--connections', '300', 'flush', 'wan2', '--yes'], env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^wan2: removed [\d,]+ of [\d,]+/m);
		assert.deepEqual(await readAudit(auditLogPath(env)), [], 'nothing in the user\'s own log');
		const named = /^pccmon: the demo's actions were logged in (.+pccmon-demo-[^/]+\/audit\.log)$/m.exec(result.stderr);
		assert.ok(named, result.stderr);
		cleanups.push(() => rm(dirname(named[1]), {recursive: true, force: true}));
		const entries = await readAudit(named[1]);
		assert.deepEqual(entries.map(entry => [entry.action, entry.parameters.wan]), [['flush', 'wan2']]);
	});
});

/**
 * `flush wan2 --yes` of 30,000 connections over a slow link (replies 150 ms late), returned
 * once the router has removed its first batch: the flush is under way and far from done.
 */
async function startSlowFlush() {
	const {sim, env, auditPath} = await setup();
	for (let index = 0; index < 30_000; index++) sim.conntrack.add({mark: 'wan2_conn'});
	await sim.server.faults.set({slowReplies: 150});
	const child = spawn(process.execPath, [cliPath, ...flushArgs(sim, 'wan2', '--yes')], {env: {...process.env, NO_COLOR: '1', ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	const output = {stdout: '', stderr: ''};
	child.stdout.on('data', chunk => (output.stdout += chunk));
	child.stderr.on('data', chunk => (output.stderr += chunk));
	const exited = new Promise<number | null>(resolve => child.on('close', resolve));
	const before = sim.conntrack.countByMark('wan2_conn');
	// The router removes a batch as soon as it reads it; its answer comes 150 ms later.
	while (sim.conntrack.countByMark('wan2_conn') === before) await delay(5);
	return {sim, auditPath, child, output, exited, before};
}

describe('a flush stopped by a signal', () => {
	for (const [name, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
		it(`${name} stops sending, prints how many were removed, logs it, and exits ${code}`, async () => {
			const {sim, auditPath, child, output, exited, before} = await startSlowFlush();
			child.kill(name);
			assert.equal(await exited, code, output.stderr);
			const {stdout} = output;
			const left = sim.conntrack.countByMark('wan2_conn');
			assert.ok(left > 0, 'stopped before the end');
			const removed = before - left;
			const shown = new Intl.NumberFormat('en-US').format(removed);
			assert.match(stdout, new RegExp(`^wan2: removed ${shown} of 30,100; cancelled.* \\(stopped by ${name}\\)$`, 'm'));
			const entries = await readAudit(auditPath);
			assert.equal(entries.length, 1);
			assert.equal(entries[0].result, 'cancelled');
			assert.equal(entries[0].after.connections?.removed, removed);
		});
	}
});

describe('a flush whose link drops', () => {
	it('sends nothing again, reconnects, says what is left, and leaves one audit line', async () => {
		const {sim, auditPath, output, exited, before} = await startSlowFlush();
		await sim.server.faults.set({fatal: 'session terminated on request'});
		assert.equal(await exited, 1, output.stderr);
		const {stdout} = output;
		const left = sim.conntrack.countByMark('wan2_conn');
		assert.match(stdout, new RegExp(`the connection dropped .*after reconnecting\\); ${new Intl.NumberFormat('en-US').format(left)} still carry the mark$`, 'm'));
		const entries = await readAudit(auditPath);
		assert.deepEqual(entries.map(entry => [entry.action, entry.result]), [['flush', 'partial']]);
		assert.equal(entries[0].after.connections?.remaining, left);
	});
});
