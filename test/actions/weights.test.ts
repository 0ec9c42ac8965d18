import {afterEach, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {isClassifierRule} from '../../source/pcc/rule-steps.js';
import {discover} from '../../source/pcc/discover.js';
import {planWeights} from '../../source/pcc/weights.js';
import type {RouterConnection} from '../../source/routeros/client.js';
import {readConfig} from '../../source/routeros/reads.js';
import {applyWeights, undoWeights} from '../../source/actions/weights.js';
import {ruleDifferences, snapshotRules} from '../../source/actions/rules.js';
import {scenarioRouter, type ScenarioRouter} from './scenario-router.js';
import type {Row, RouterConfig} from '../../source/pcc/types.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(name: string): Promise<ScenarioRouter> {
	const sim = await scenarioRouter(name);
	cleanups.push(() => sim.close());
	return sim;
}

/** 1:1, 2:1, 0:1 on the first two WANs (any further WAN keeps weight 1). */
function sequence(names: string[]): Array<Record<string, number>> {
	const rest = Object.fromEntries(names.slice(2).map(name => [name, 1]));
	return [[1, 1], [2, 1], [0, 1]].map(([first, second]) => ({[names[0]]: first, [names[1]]: second, ...rest}));
}

async function assertShares(api: RouterConnection, weights: Record<string, number>, when: string): Promise<void> {
	const wans = discover(await readConfig(api)).wans;
	const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
	for (const [name, weight] of Object.entries(weights)) {
		const wan = wans.find(candidate => candidate.name === name);
		assert.ok(wan, `${when}: ${name} is not discovered`);
		assert.ok(Math.abs(wan.share - weight / total) < 1e-4, `${when}: ${name} reads back a share of ${wan.share}, expected ${weight}/${total}`);
	}
}

async function applyAndCheck(api: RouterConnection, context: ReturnType<ScenarioRouter['context']>, weights: Record<string, number>): Promise<RouterConfig> {
	const config = await readConfig(api);
	const plan = planWeights(discover(config), config.mangle, weights);
	const outcome = await applyWeights(context, config, plan);
	assert.equal(outcome.result, 'ok', `${JSON.stringify(weights)}: ${outcome.message} ${outcome.differences.join('; ')}`);
	await assertShares(api, weights, `after ${JSON.stringify(weights)}`);
	return config;
}

/** The classifier rules without the connection-mark=no-mark guard the planner adds to unguarded ones. */
const unguarded = (rows: readonly Row[]) => rows.filter(isClassifierRule).map(row => {
	const {'connection-mark': guard, ...rest} = row;
	return guard === 'no-mark' ? rest : row;
});

describe('weights against the sim, applied then undone', () => {
	for (const name of ['two-wan', 'three-wan-weighted', 'pppoe-2to1', 'failover', 'routeros6']) {
		it(`${name}: each change reads back as the requested weights, and undo restores the exact rules`, async () => {
			const sim = await start(name);
			const api = await sim.connect();
			const context = sim.context(api);
			const original = await readConfig(api);
			const wans = discover(original).wans.filter(wan => wan.remainders.length > 0);
			const names = wans.map(wan => wan.name);
			let previous = Object.fromEntries(wans.map(wan => [wan.name, wan.remainders.length]));
			const snapshots = [];
			for (const weights of sequence(names)) {
				const config = await applyAndCheck(api, context, weights);
				snapshots.push({snapshot: snapshotRules(config.mangle), weights: previous});
				previous = weights;
			}
			for (const {snapshot, weights} of snapshots.reverse()) {
				const outcome = await undoWeights(context, snapshot);
				assert.equal(outcome.result, 'ok', outcome.message);
				await assertShares(api, weights, `after undoing back to ${JSON.stringify(weights)}`);
			}
			const restored = (await readConfig(api)).mangle.filter(isClassifierRule);
			assert.deepEqual(ruleDifferences(original.mangle.filter(isClassifierRule), restored), []);
		});

		it(`${name}: after 0:1, weights 1:1 bring the drained WAN back as it was, and the original weights the original rules`, async () => {
			const sim = await start(name);
			const api = await sim.connect();
			const context = sim.context(api);
			const original = await readConfig(api);
			const wans = discover(original).wans.filter(wan => wan.remainders.length > 0);
			const [oneToOne, ...rest] = sequence(wans.map(wan => wan.name));
			await applyAndCheck(api, context, oneToOne);
			const atOneToOne = (await readConfig(api)).mangle;
			for (const weights of rest) await applyAndCheck(api, context, weights);
			await applyAndCheck(api, context, oneToOne);
			assert.deepEqual(ruleDifferences(unguarded(atOneToOne), unguarded((await readConfig(api)).mangle)), [], 'the 1:1 rules again');
			await applyAndCheck(api, context, Object.fromEntries(wans.map(wan => [wan.name, wan.remainders.length])));
			// Comments aside: a comment that counts rules (pppoe-2to1's "stream 2 -> ISP1") names no
			// bucket, so a rule cloned from its neighbour keeps the neighbour's number.
			const uncommented = (rows: readonly Row[]) => unguarded(rows).map(({comment: _comment, ...rule}) => rule);
			assert.deepEqual(ruleDifferences(uncommented(original.mangle), uncommented((await readConfig(api)).mangle)), [],
				'the original rules, in their order, but for the guard the change added');
		});
	}
});

describe('weights failing midway', () => {
	async function planned(sim: ScenarioRouter) {
		const api = await sim.connect();
		const config = await readConfig(api);
		const plan = planWeights(discover(config), config.mangle, {wan1: 2, wan2: 1});
		assert.ok(plan.steps.length >= 4, 'a change of several steps');
		return {api, config, plan, original: config.mangle.filter(isClassifierRule)};
	}

	it('a step the router refuses puts the rules back as they were, and says so', async () => {
		const sim = await start('two-wan');
		const {api, config, plan, original} = await planned(sim);
		// A rule someone else deleted meanwhile: the third change names an id that no longer exists.
		const steps = [...plan.steps.slice(0, 3), {kind: 'set' as const, id: '*FFFF', attributes: {comment: 'gone'}}, ...plan.steps.slice(3)];
		const outcome = await applyWeights(sim.context(api), config, {...plan, steps});
		assert.equal(outcome.result, 'rolled-back');
		assert.match(outcome.message, /change 4 of \d+ failed \(.*no such item.*\); the rules were put back as they were/);
		assert.deepEqual(ruleDifferences(original, (await readConfig(api)).mangle.filter(isClassifierRule)), []);
	});

	it('a dropped link is not answered by resending: after reconnecting it reads the router and rolls a half-made change back', async () => {
		const sim = await start('two-wan');
		const {api, config, plan, original} = await planned(sim);
		const sent: string[] = [];
		const outcome = await applyWeights(sim.context(api), config, plan, done => {
			sent.push(`step ${done}`);
			if (done === 2) void sim.server.faults.set({fatal: 'session terminated on request'});
		});
		assert.deepEqual(sent, ['step 1', 'step 2']);
		assert.equal(outcome.result, 'rolled-back', outcome.message);
		assert.match(outcome.message, /the connection dropped during change 3 of \d+ .*after reconnecting the change was half-made; the rules were put back as they were/);
		const fresh = await sim.connect();
		assert.deepEqual(ruleDifferences(original, (await readConfig(fresh)).mangle.filter(isClassifierRule)), []);
	});

	it('a read-only account changes nothing and the rules stay as they were', async () => {
		const sim = await start('two-wan');
		const monitor = await sim.connect('monitor');
		const config = await readConfig(monitor);
		const plan = planWeights(discover(config), config.mangle, {wan1: 2, wan2: 1});
		const outcome = await applyWeights(sim.context(monitor), config, plan);
		assert.equal(outcome.result, 'rolled-back');
		assert.match(outcome.message, /change 1 of \d+ failed \(.*permission/);
		assert.deepEqual(ruleDifferences(config.mangle.filter(isClassifierRule), (await readConfig(monitor)).mangle.filter(isClassifierRule)), []);
	});

	it('undo carries on after a dropped link from what the router holds once reconnected', async () => {
		const sim = await start('two-wan');
		const {api, config, plan, original} = await planned(sim);
		const context = sim.context(api);
		assert.equal((await applyWeights(context, config, plan)).result, 'ok');
		await sim.server.faults.set({fatal: 'session terminated on request'});
		const outcome = await undoWeights(context, snapshotRules(config.mangle));
		assert.equal(outcome.result, 'ok', outcome.message);
		assert.match(outcome.message, /back as they were .*the connection dropped during undo .*after reconnecting/);
		const fresh = await sim.connect();
		assert.deepEqual(ruleDifferences(original, (await readConfig(fresh)).mangle.filter(isClassifierRule)), []);
	});
});
