import {afterEach, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {auditLogPath, readAudit} from '../../source/actions/audit.js';
import {ruleDifferences} from '../../source/actions/rules.js';
import {discover} from '../../source/pcc/discover.js';
import {isClassifierRule} from '../../source/pcc/rule-steps.js';
import {readConfig} from '../../source/routeros/reads.js';
import {scenarioRouter, type ScenarioRouter} from '../actions/scenario-router.js';
import {runCli} from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(name = 'two-wan'): Promise<{sim: ScenarioRouter; env: NodeJS.ProcessEnv; auditPath: string}> {
	const sim = await scenarioRouter(name);
	const state = await mkdtemp(join(tmpdir(), 'pccmon-weights-'));
	cleanups.push(() => sim.close(), () => rm(state, {recursive: true, force: true}));
	const env = {XDG_STATE_HOME: state, PCCMON_PASSWORD: ''};
	return {sim, env, auditPath: auditLogPath(env)};
}

async function read(sim: ScenarioRouter) {
	const config = await readConfig(await sim.connect());
	return {rules: config.mangle.filter(isClassifierRule), topology: discover(config)};
}

function buckets(topology: ReturnType<typeof discover>): Record<string, string> {
	return Object.fromEntries(topology.wans.map(wan => [wan.name, `${wan.remainders.join(',')}/${topology.denominator}`]));
}

function oneLine(stderr: string): string {
	const lines = stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, `one line expected:\n${stderr}`);
	return lines[0];
}

describe('pccmon HOST weights', () => {
	it('applies weights, prints the plan and the outcome, and --undo twice walks back to the exact original rules', async () => {
		const {sim, env, auditPath} = await setup('routeros6');
		const original = await read(sim);
		const [first, second] = original.topology.wans.map(wan => wan.name);
		const host = `127.0.0.1:${sim.port}`;

		const apply = await runCli([host, 'weights', `${first}=2`, `${second}=1`, '--yes'], env);
		assert.equal(apply.code, 0, apply.stderr);
		assert.match(apply.stdout, /Rule changes:/);
		assert.match(apply.stdout, new RegExp(`weights now ${first}=2 ${second}=1; only new connections follow them`));
		assert.deepEqual(buckets((await read(sim)).topology), {[first]: '0,1/3', [second]: '2/3'});

		const drain = await runCli([host, 'weights', `${first}=0`, '--yes'], env);
		assert.equal(drain.code, 0, drain.stderr);
		assert.equal((await read(sim)).topology.wans.find(wan => wan.name === first)?.remainders.length ?? 0, 0);

		const undoDrain = await runCli([host, 'weights', '--undo', '--yes'], {...env, TZ: 'UTC'});
		assert.equal(undoDrain.code, 0, undoDrain.stderr);
		const drained = (await readAudit(auditPath))[1].time;
		assert.match(undoDrain.stdout, new RegExp(`undo the weights change of ${drained.slice(0, 10)} ${drained.slice(11, 19)} UTC by `), 'the time with its date and zone');
		assert.match(undoDrain.stdout, /the PCC rules are back as they were/);
		assert.deepEqual(buckets((await read(sim)).topology), {[first]: '0,1/3', [second]: '2/3'});

		const undoFirst = await runCli([host, 'weights', '--undo', '--yes'], env);
		assert.equal(undoFirst.code, 0, undoFirst.stderr);
		assert.deepEqual(ruleDifferences(original.rules, (await read(sim)).rules), []);

		const nothing = await runCli([host, 'weights', '--undo', '--yes'], {...env, TZ: 'Asia/Kolkata'});
		assert.equal(nothing.code, 1);
		const entries = await readAudit(auditPath);
		// The command line's times carry the date and the zone: Kolkata is UTC+05:30 all year.
		const kolkata = (iso: string) => `${new Date(Date.parse(iso) + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ')} \\+05:30`;
		assert.match(oneLine(nothing.stderr), new RegExp(`^pccmon: nothing left to undo; the last change \\(${kolkata(entries[0].time)}\\) was undone at ${kolkata(entries[3].time)}$`));

		assert.deepEqual(entries.map(entry => [entry.action, entry.result]), [
			['weights', 'ok'], ['weights', 'ok'], ['weights-undo', 'ok'], ['weights-undo', 'ok'],
		]);
		assert.equal(entries[2].undoes, entries[1].id);
		assert.equal(entries[3].undoes, entries[0].id);
		assert.deepEqual(entries[0].before.rules, original.rules);
		assert.deepEqual(entries[0].parameters, {weights: {[first]: 2, [second]: 1}});
	});

	it('--dry-run shows the plan and changes nothing', async () => {
		const {sim, env, auditPath} = await setup();
		const before = await read(sim);
		const result = await runCli([`127.0.0.1:${sim.port}`, 'weights', 'wan1=2', 'wan2=1', '--dry-run'], env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /wan1\s+weight 2\s+buckets 0,1\/3 66\.7%\s+\(was 0\/2 50%\)/);
		assert.match(result.stdout, /^\s+\+ prerouting both-addresses-and-ports:3\/1 -> wan1_conn/m);
		assert.match(result.stdout, /dry run: \d+ rule changes planned; nothing was changed/);
		assert.deepEqual(ruleDifferences(before.rules, (await read(sim)).rules), []);
		assert.deepEqual(await readAudit(auditPath), []);
	});

	it('refuses without a terminal and --yes, with --read-only, for a read-only account, and for bad weights', async () => {
		const {sim, env} = await setup();
		const host = `127.0.0.1:${sim.port}`;
		const before = await read(sim);
		const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
			[[host, 'weights', 'wan1=2'], env, /weights change needs --yes when not run on a terminal; nothing was changed/],
			[[host, 'weights', 'wan1=2', '--yes', '--read-only'], env, /weights change refused: read-only \(--read-only\); nothing was changed/],
			[[host, 'weights', '--undo', '--yes', '--read-only'], env, /undo refused: read-only \(--read-only\)/],
			[[host, 'weights', 'wan1=2', '--yes', '--user', 'monitor'], {...env, PCCMON_PASSWORD: 'watch'}, /weights change refused: read-only: account monitor .*write policy/],
			[[host, 'weights', 'wan1=0', 'wan2=0', '--yes'], env, /at least one WAN needs a weight above 0/],
			[[host, 'weights', 'wan7=1', '--yes'], env, /no WAN "wan7"; the WANs are wan1, wan2/],
			[[host, 'weights', 'wan1=x', '--yes'], env, /weight for wan1 must be a whole number/],
		];
		for (const [args, caseEnv, pattern] of cases) {
			const result = await runCli(args, caseEnv);
			assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
			assert.match(oneLine(result.stderr), pattern);
		}
		assert.deepEqual(ruleDifferences(before.rules, (await read(sim)).rules), []);
	});

	it('undo refuses when the rules changed since the recorded change', async () => {
		const {sim, env} = await setup();
		const host = `127.0.0.1:${sim.port}`;
		assert.equal((await runCli([host, 'weights', 'wan1=2', 'wan2=1', '--yes'], env)).code, 0);
		const api = await sim.connect();
		const [rule] = (await readConfig(api)).mangle.filter(isClassifierRule);
		await api.set('/ip/firewall/mangle', rule['.id'], {comment: 'edited by hand'});
		const result = await runCli([host, 'weights', '--undo', '--yes'], env);
		assert.equal(result.code, 1);
		assert.match(oneLine(result.stderr), /the PCC rules changed since that change .*not undoing, nothing was changed/);
	});

	it('--demo plans against the in-process simulated router', async () => {
		const {env} = await setup();
		const result = await runCli(['--demo', 'weights', 'wan1=2', 'wan2=1', '--dry-run'], env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^pcc-failover: weights wan1=2 wan2=1$/m);
		assert.match(result.stdout, /dry run: \d+ rule changes planned; nothing was changed/);
	});
});
