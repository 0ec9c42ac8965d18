import {test} from 'node:test';
import assert from 'node:assert/strict';
import {restoreSteps, ruleDifferences, snapshotRules} from '../../source/actions/rules.js';

const guard = {chain: 'prerouting', action: 'mark-connection', 'connection-state': 'new', 'in-interface': 'bridge'};
const a = {'.id': '*1', ...guard, 'per-connection-classifier': 'both-addresses:2/0', 'new-connection-mark': 'wan1_conn', bytes: '10'};
const b = {'.id': '*2', ...guard, 'per-connection-classifier': 'both-addresses:2/1', 'new-connection-mark': 'wan2_conn', comment: 'wan2'};
const routing = {'.id': '*3', chain: 'prerouting', action: 'mark-routing', 'connection-mark': 'wan1_conn', 'new-routing-mark': 'wan1'};

function withoutId(row: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(row).filter(([name]) => name !== '.id'));
}

test('a snapshot keeps the PCC rules and where every rule stood', () => {
	const snapshot = snapshotRules([a, b, routing]);
	assert.deepEqual(snapshot.rules.map(rule => rule['.id']), ['*1', '*2']);
	assert.deepEqual(snapshot.order, ['*1', '*2', '*3']);
});

test('restoring sets changed rules back, clears added properties, re-adds removed ones in place and removes new ones', () => {
	const snapshot = snapshotRules([a, b, routing]);
	const changedA = {...a, 'per-connection-classifier': 'both-addresses:3/0', comment: 'new', bytes: '99'};
	const added = {'.id': '*9', ...guard, 'per-connection-classifier': 'both-addresses:3/2', 'new-connection-mark': 'wan2_conn'};
	const steps = restoreSteps(snapshot, [changedA, added, routing]);
	assert.deepEqual(steps, [
		{kind: 'add', attributes: withoutId(b), before: '*3'},
		{kind: 'set', id: '*1', attributes: {'per-connection-classifier': 'both-addresses:2/0'}},
		{kind: 'unset', id: '*1', names: ['comment']},
		{kind: 'remove', id: '*9'},
	]);
});

test('two neighbouring removed rules come back in their old order', () => {
	const snapshot = snapshotRules([a, b, routing]);
	const steps = restoreSteps(snapshot, [routing]);
	assert.equal(steps.length, 2);
	assert.deepEqual(steps[0], {kind: 'add', attributes: withoutId(b), before: '*3'});
	assert.equal(steps[1].kind === 'add' && steps[1].beforeStep, 0);
	assert.equal(steps[1].kind === 'add' && steps[1].attributes['per-connection-classifier'], 'both-addresses:2/0');
});

test('rules equal to the snapshot need no step, and differences read as lines', () => {
	const snapshot = snapshotRules([a, b, routing]);
	assert.deepEqual(restoreSteps(snapshot, [{...a, bytes: '500', disabled: 'false'}, b, routing]), []);
	assert.deepEqual(ruleDifferences([a, b], [a, {...b, 'new-connection-mark': 'wan1_conn'}]), [
		'rule 2 (*2): new-connection-mark is wan1_conn, expected wan2_conn',
	]);
});
