import {test} from 'node:test';
import assert from 'node:assert/strict';
import {discover} from '../../source/pcc/discover.js';
import {isClassifierRule, ruleAttributes, undoSteps} from '../../source/pcc/rule-steps.js';
import type {Row, RouterConfig} from '../../source/pcc/types.js';
import {parseWeightArgs} from '../../source/commands/weight-args.js';
import {WeightError} from '../../source/pcc/weight-error.js';
import {planWeights} from '../../source/pcc/weights.js';
import {applySteps, markingsPerHash} from './helpers/apply-steps.js';
import {cleanV7, editRow} from './helpers/configs.js';
import {seedTwoToOne, seedTwoWanEqual} from './helpers/seeds.js';

/** Every new LAN connection is marked exactly once, whatever its hash. */
function assertEachMarkedOnce(rows: readonly Row[], lan: string, when: string): void {
	markingsPerHash(rows, lan).forEach(({marks}, hash) => {
		assert.equal(marks.length, 1, `${when}: hash ${hash} marked ${marks.length} times (${marks.join(', ') || 'never'})`);
	});
}

/** Applies a plan while checking every intermediate state; returns the config after it. */
function apply(config: RouterConfig, steps: Parameters<typeof applySteps>[1], lan: string): RouterConfig {
	const mangle = applySteps(config.mangle, steps, (rows, index) => assertEachMarkedOnce(rows, lan, `after step ${index + 1} (${steps[index].kind})`));
	return {...config, mangle};
}

/** Undo, pass after pass on the rows read back, until nothing is left to do. */
function undo(before: RouterConfig, after: RouterConfig, lan: string): RouterConfig {
	let current = after;
	for (let pass = 0; pass < 3; pass++) {
		const steps = undoSteps(before.mangle, current.mangle);
		if (steps.length === 0) return current;
		current = apply(current, steps, lan);
	}
	assert.fail('undo did not settle in two passes');
}

const pccView = (rows: readonly Row[]) => rows.filter(isClassifierRule).map(ruleAttributes);
const shares = (config: RouterConfig) => discover(config).wans.map(wan => `${wan.name}=${wan.remainders.join(',')}/${discover(config).denominator}`);

test('1:1 to 2:1 to 0:1 and back, on guarded rules: every state marks each connection once; undo restores exactly', () => {
	const original = cleanV7();
	const twoToOne = planWeights(discover(original), original.mangle, {wan1: 2, wan2: 1});
	assert.equal(twoToOne.denominator, 3);
	assert.deepEqual(twoToOne.steps.map(step => step.kind), ['add', 'add', 'add', 'remove', 'remove'], 'already guarded: no set needed');
	const afterTwoToOne = apply(original, twoToOne.steps, 'bridge');
	assert.deepEqual(shares(afterTwoToOne), ['wan1=0,1/3', 'wan2=2/3']);
	assert.deepEqual(discover(afterTwoToOne).problems, [], 'clones keep guards, comments, in-interface');

	const drain = planWeights(discover(afterTwoToOne), afterTwoToOne.mangle, parseWeightArgs(['wan1=0'], discover(afterTwoToOne)));
	const drained = apply(afterTwoToOne, drain.steps, 'bridge');
	assert.deepEqual(shares(drained), ['wan2=0/1', 'wan1=/1'], 'wan1 keeps its inbound marking but gets no buckets');
	assert.deepEqual(pccView(drained.mangle).filter(rule => rule.disabled).map(rule => rule['new-connection-mark']), ['wan1_conn'],
		'one of the drained WAN\'s rules stays, disabled');
	assert.deepEqual(discover(drained).problems, [], 'a parked rule claims nothing and raises nothing');

	const back = planWeights(discover(drained), drained.mangle, {wan1: 1, wan2: 1});
	const restored = apply(drained, back.steps, 'bridge');
	assert.deepEqual(shares(restored), ['wan1=0/2', 'wan2=1/2']);
	assert.deepEqual(restored.mangle.map(ruleAttributes), original.mangle.map(ruleAttributes),
		'the drained WAN is cloned from its own parked rule: the original rules, in their places');
	assert.deepEqual(discover(restored).problems, []);

	const undone = undo(original, afterTwoToOne, 'bridge');
	assert.deepEqual(undone.mangle.map(ruleAttributes), original.mangle.map(ruleAttributes), 'same rules, same order');
});

const withoutGuard = (rows: readonly Row[]) => pccView(rows).map(({'connection-mark': _guard, ...rest}) => rest);

test('a WAN drained to 0 stays a WAN at 0% (no inbound marking to find it by) and comes back with its own rule', () => {
	const original = seedTwoWanEqual();
	const drain = planWeights(discover(original), original.mangle, parseWeightArgs(['wan1=1', 'wan2=0'], discover(original)));
	assert.match(drain.diff.find(line => line.includes('wan2_conn')) ?? '', /^- .*\(kept disabled\)$/);
	const drained = apply(original, drain.steps, 'bridge');
	const topology = discover(drained);
	const wan2 = topology.wans.find(wan => wan.name === 'wan2');
	assert.ok(wan2, 'wan2 is still listed while its connections drain');
	assert.deepEqual([wan2.remainders, wan2.share, wan2.connectionMark], [[], 0, 'wan2_conn']);
	assert.deepEqual(pccView(drained.mangle).find(rule => rule.disabled)?.comment, 'PCC LAN->WAN2');
	const codes = (config: RouterConfig) => discover(config).problems.map(problem => `${problem.code}:${problem.subject}`);
	assert.deepEqual(codes(drained).filter(code => !codes(original).includes(code)), [], 'draining raises no new finding');

	const back = planWeights(topology, drained.mangle, parseWeightArgs(['wan2=1'], topology));
	const restored = apply(drained, back.steps, 'bridge');
	assert.deepEqual(shares(restored), ['wan1=0/2', 'wan2=1/2']);
	assert.deepEqual(withoutGuard(restored.mangle), withoutGuard(original.mangle), 'the original rules, in their places, but for the guard');
	assert.deepEqual(undo(drained, restored, 'bridge').mangle.map(ruleAttributes), drained.mangle.map(ruleAttributes), 'undo brings the drained state back, parked rule and all');
	assert.deepEqual(undo(original, drained, 'bridge').mangle.map(ruleAttributes), original.mangle.map(ruleAttributes), 'undo of the drain is exact');
});

test('PCC rules disabled by hand: the WAN is listed at 0%, its bucket is reported unassigned, and nothing else', () => {
	const original = seedTwoWanEqual();
	const config = {...original, mangle: editRow(original.mangle, '*3', {disabled: 'true'})};
	const topology = discover(config);
	assert.deepEqual(shares(config), ['wan1=0/2', 'wan2=/2']);
	assert.equal(topology.wans[1].share, 0);
	const codes = (problems: typeof topology.problems) => problems.map(problem => `${problem.code}:${problem.subject}`);
	assert.deepEqual(codes(topology.problems).filter(code => !codes(discover(original).problems).includes(code)), ['unassigned-bucket:2/1']);
	const plan = planWeights(topology, config.mangle, {wan1: 1, wan2: 1});
	const revived = apply(config, plan.steps, 'bridge');
	assert.deepEqual(shares(revived), ['wan1=0/2', 'wan2=1/2']);
	assert.ok(pccView(revived.mangle).every(rule => !rule.disabled), 'the disabled rule gave way to its enabled clone');
});

test('weights for a name that is not a WAN: one line, nothing planned', () => {
	const config = seedTwoWanEqual();
	assert.throws(() => planWeights(discover(config), config.mangle, {wan1: 1, wan3: 1}),
		(error: unknown) => error instanceof WeightError && error.message === 'no WAN "wan3"; the WANs are wan1, wan2');
});

test('unguarded seed rules: the old ones get connection-mark=no-mark first, new ones land before their mark-routing', () => {
	const original = seedTwoWanEqual();
	const plan = planWeights(discover(original), original.mangle, {wan1: 2, wan2: 1});
	assert.deepEqual(plan.steps.slice(0, 2), [
		{kind: 'set', id: '*1', attributes: {'connection-mark': 'no-mark'}},
		{kind: 'set', id: '*3', attributes: {'connection-mark': 'no-mark'}},
	]);
	assert.ok(plan.notes.some(note => /marked twice/.test(note)));
	const after = apply(original, plan.steps, 'bridge');
	assert.deepEqual(after.mangle.map(row => `${row.action}:${row['per-connection-classifier'] ?? row['new-routing-mark']}`), [
		'mark-connection:both-addresses-and-ports:3/0', 'mark-connection:both-addresses-and-ports:3/1', 'mark-routing:wan1',
		'mark-connection:both-addresses-and-ports:3/2', 'mark-routing:wan2',
	]);
	assert.deepEqual(plan.diff, [
		'- prerouting both-addresses-and-ports:2/0 -> wan1_conn  "PCC LAN->WAN1"',
		'+ prerouting both-addresses-and-ports:3/0 -> wan1_conn  "PCC LAN->WAN1"',
		'+ prerouting both-addresses-and-ports:3/1 -> wan1_conn  "PCC LAN->WAN1"',
		'- prerouting both-addresses-and-ports:2/1 -> wan2_conn  "PCC LAN->WAN2"',
		'+ prerouting both-addresses-and-ports:3/2 -> wan2_conn  "PCC LAN->WAN2"',
	]);
	const undone = undo(original, after, 'bridge');
	assert.deepEqual(undone.mangle.map(ruleAttributes), original.mangle.map(ruleAttributes));
});

test('same denominator: only the bucket that changes WAN moves; comments naming the bucket follow it', () => {
	const original = seedTwoToOne('prerouting');
	original.mangle = original.mangle.map(row => row['per-connection-classifier']
		? {...row, comment: `PCC ${row['per-connection-classifier'].split(':')[1]} ${row['new-connection-mark']}`}
		: row);
	const plan = planWeights(discover(original), original.mangle, parseWeightArgs(['isp1_conn=1', 'isp2=2'], discover(original)));
	assert.deepEqual(plan.wans.map(wan => [wan.name, wan.remainders]), [['isp1', [0]], ['isp2', [1, 2]]]);
	assert.deepEqual(plan.steps, [
		{kind: 'add', before: '*7', attributes: {...ruleAttributes(original.mangle[5]), 'per-connection-classifier': 'both-addresses-and-ports:3/1', comment: 'PCC 3/1 isp2_conn'}},
		{kind: 'remove', id: '*7'},
	]);
	const after = apply(original, plan.steps, 'USER_01');
	assert.deepEqual(shares(after), ['isp1=0/3', 'isp2=1,2/3']);
	const undone = undo(original, after, 'USER_01');
	assert.deepEqual(pccView(undone.mangle), pccView(original.mangle));
});

test('weights already in place change nothing', () => {
	const config = cleanV7();
	const plan = planWeights(discover(config), config.mangle, {wan1: 3, wan2: 3});
	assert.deepEqual(plan.steps, []);
	assert.equal(plan.denominator, 2);
});

test('weights that cannot be planned say why in one line', () => {
	const config = seedTwoToOne('prerouting');
	const topology = discover(config);
	assert.throws(() => planWeights(topology, config.mangle, {isp1: 0, isp2: 0}), /at least one WAN needs a weight above 0/);
	assert.throws(() => planWeights(topology, config.mangle, {isp1: 64, isp2: 63}), /need 127 buckets/);
});

test('on realistic exports (custom chains, v6, PPPoE): 1:1, 3:1, drain and back; each state safe, each result read back, undo exact', async () => {
	const {configFromFixture} = await import('../helpers/config-from-rsc.js');
	const fixtures: Array<[string, string]> = [
		['v7-three-wan-5-3-2.rsc', 'br-lan'], ['v6-four-wan-jump-recursive.rsc', 'bridge-lan'], ['v7-dhcp-pppoe-2to1.rsc', 'USER_01'],
	];
	for (const [name, lan] of fixtures) {
		const {config: original} = await configFromFixture(`exports/${name}`);
		const names = discover(original).wans.map(wan => wan.name);
		const sequence = [names.map(() => 1), names.map((_, index) => (index === 0 ? 3 : 1)), names.map((_, index) => (index === 0 ? 0 : 1)), names.map(() => 1)];
		let current = original;
		for (const weights of sequence) {
			const topology = discover(current);
			const plan = planWeights(topology, current.mangle, Object.fromEntries(names.map((wan, index) => [wan, weights[index]])));
			current = apply(current, plan.steps, lan);
			const after = discover(current);
			const divisor = weights.reduce((a, b) => (b === 0 ? a : a === 0 ? b : gcdOf(a, b)), 0);
			for (const [index, wan] of names.entries()) {
				assert.equal(after.wans.find(item => item.name === wan)?.remainders.length ?? 0, weights[index] / divisor, `${name}: ${wan} after ${weights.join(':')}`);
			}
			assert.deepEqual(after.problems.filter(problem => problem.severity === 'error'), [], `${name}: no errors after ${weights.join(':')}`);
		}
		const undone = undo(original, current, lan);
		assert.deepEqual(undone.mangle.map(ruleAttributes), original.mangle.map(ruleAttributes), `${name}: undo restores every rule, in order`);
	}
});

function gcdOf(a: number, b: number): number {
	return b === 0 ? a : gcdOf(b, a % b);
}


test('same denominator on unguarded rules: the moved bucket\'s old rule and its clone both get the guard', () => {
	const original = seedTwoToOne('prerouting');
	original.mangle = original.mangle.map(row => {
		if (!row['per-connection-classifier']) return row;
		const {'connection-mark': _guard, ...rest} = row;
		return rest;
	});
	const plan = planWeights(discover(original), original.mangle, {isp1: 1, isp2: 2});
	assert.deepEqual(plan.steps.map(step => step.kind), ['set', 'add', 'remove']);
	const after = apply(original, plan.steps, 'USER_01');
	assert.deepEqual(shares(after), ['isp1=0/3', 'isp2=1,2/3']);
	const undone = undo(original, after, 'USER_01');
	assert.deepEqual(undone.mangle.map(ruleAttributes), original.mangle.map(ruleAttributes));
});
