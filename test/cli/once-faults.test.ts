import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import type {FaultOptions} from '../../source/sim/faults.js';
import {startScenarioServer} from '../routeros/helpers.js';
import {runCli} from './helpers.js';

/*
 * `--once` against a router misbehaving in each of the simulator's ways: a fault that loses
 * the data gives exit code 2 and one line saying what happened; one that only slows or cuts
 * up the replies still gives the full report.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function onceWith(faults: FaultOptions) {
	const sim = await startScenarioServer('two-wan');
	cleanups.push(() => sim.server.close());
	await sim.server.faults.set(faults);
	return runCli([`127.0.0.1:${sim.port}`, '--once', '--json']);
}

const failing: Array<[string, FaultOptions, RegExp]> = [
	['garbage', {garbage: true}, /is not a RouterOS API/],
	['an oversized word', {oversizedWord: true}, /is not a RouterOS API/],
	['!fatal', {fatal: 'too many sessions'}, /ended the session during login \(too many sessions\)/],
	['login refused', {refuseLogin: true}, /refused the login of user "admin"/],
	['the API port closed', {closed: true}, /refused the connection: is the API service enabled\?/],
	['a drop mid-reply', {dropMidReply: 3}, /closed the connection$/],
	// An RST can reach the client after the peer's FIN was already read; both are true.
	['a reset mid-reply', {resetMidReply: 3}, /(reset|closed) the connection$/],
	['a stall', {stall: true}, /accepted the connection but did not answer the login within 5 s/],
];

describe('pccmon HOST --once under faults', () => {
	for (const [name, faults, pattern] of failing) {
		it(`${name}: exit 2 and one line`, {timeout: 20_000}, async () => {
			const result = await onceWith(faults);
			assert.equal(result.code, 2, result.stderr);
			assert.equal(result.stdout, '');
			assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
			assert.match(result.stderr.trimEnd(), pattern);
		});
	}

	for (const [name, faults] of [
		['one- to three-byte writes', {tinyWrites: 3}],
		['late sentence terminators', {delayTerminator: 5}],
		['slow replies', {slowReplies: 20}],
	] as Array<[string, FaultOptions]>) {
		it(`${name}: the full report all the same`, {timeout: 20_000}, async () => {
			const result = await onceWith(faults);
			assert.equal(result.stderr, '');
			assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}`);
			assert.deepEqual(JSON.parse(result.stdout).pcc.wans.map((wan: {name: string}) => wan.name), ['wan1', 'wan2']);
		});
	}
});
