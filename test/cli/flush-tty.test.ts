import {afterEach, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {scenarioRouter, type ScenarioRouter} from '../actions/scenario-router.js';
import {cliPath} from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`), answers its prompt once it shows,
 * and returns everything the terminal showed with the exit code.
 */
function onTerminal(args: string[], env: NodeJS.ProcessEnv, answer: string): Promise<{code: number | null; screen: string}> {
	const command = [process.execPath, cliPath, ...args].map(word => `'${word}'`).join(' ');
	return new Promise((resolve, reject) => {
		const child = spawn('script', ['-qfec', command, '/dev/null'], {env: {...process.env, NO_COLOR: '1', ...env}, stdio: ['pipe', 'pipe', 'pipe']});
		let screen = '';
		let answered = false;
		const timer = setTimeout(() => child.kill(), 20_000);
		child.stdout.on('data', chunk => {
			screen += chunk;
			if (!answered && screen.includes('[y/N]')) {
				answered = true;
				child.stdin.write(answer);
			}
		});
		child.on('error', reject);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, screen});
		});
	});
}

async function setup(): Promise<{sim: ScenarioRouter; env: NodeJS.ProcessEnv}> {
	const sim = await scenarioRouter('two-wan');
	const state = await mkdtemp(join(tmpdir(), 'pccmon-tty-'));
	cleanups.push(() => sim.close(), () => rm(state, {recursive: true, force: true}));
	for (let index = 0; index < 60; index++) sim.conntrack.add({mark: index % 2 ? 'wan2_conn' : 'wan1_conn'});
	return {sim, env: {XDG_STATE_HOME: state, PCCMON_PASSWORD: ''}};
}

describe('pccmon HOST flush WAN on a terminal', () => {
	it('asks first; enter means No and nothing is removed', async () => {
		const {sim, env} = await setup();
		const result = await onTerminal([`127.0.0.1:${sim.port}`, 'flush', 'wan2'], env, '\r');
		assert.equal(result.code, 0, result.screen);
		assert.match(result.screen, /Remove the 30 connections carrying wan2_conn\? .*\[y\/N\]/);
		assert.match(result.screen, /nothing was changed/);
		assert.equal(sim.conntrack.countByMark('wan2_conn'), 30);
	});

	it('y removes them', async () => {
		const {sim, env} = await setup();
		const result = await onTerminal([`127.0.0.1:${sim.port}`, 'flush', 'wan2'], env, 'y\r');
		assert.equal(result.code, 0, result.screen);
		assert.match(result.screen, /wan2: removed 30 of 30/);
		assert.equal(sim.conntrack.countByMark('wan2_conn'), 0);
		assert.equal(sim.conntrack.countByMark('wan1_conn'), 30);
	});
});
