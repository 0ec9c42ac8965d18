import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ruleDifferences, snapshotRules, snapshotTable} from '../../source/actions/rules.js';

const guard = {chain: 'prerouting', action: 'mark-connection', 'connection-state': 'new', 'in-interface': 'bridge'};
const a = {'.id': '*1', ...guard, 'per-connection-classifier': 'both-addresses:2/0', 'new-connection-mark': 'wan1_conn', bytes: '10'};
const b = {'.id': '*2', ...guard, 'per-connection-classifier': 'both-addresses:2/1', 'new-connection-mark': 'wan2_conn', comment: 'wan2'};
const routing = {'.id': '*3', chain: 'prerouting', action: 'mark-routing', 'connection-mark': 'wan1_conn', 'new-routing-mark': 'wan1'};

test('a snapshot keeps the PCC rules whole and every other rule by its place', () => {
	const snapshot = snapshotRules([a, b, routing]);
	assert.deepEqual(snapshot.rules, [a, b]);
	assert.deepEqual(snapshot.order, ['*1', '*2', '*3']);
	assert.deepEqual(snapshotTable(snapshot), [a, b, {'.id': '*3'}]);
});

test('rules compare by what can be set, not by ids or counters, and differences read as lines', () => {
	assert.deepEqual(ruleDifferences([a, b], [{...a, '.id': '*9', bytes: '500', disabled: 'false'}, b]), []);
	assert.deepEqual(ruleDifferences([a, b], [a, {...b, 'new-connection-mark': 'wan1_conn'}]), [
		'rule 2 (*2): new-connection-mark is wan1_conn, expected wan2_conn',
	]);
	assert.deepEqual(ruleDifferences([a, b], [a]), ['expected 2 PCC rules, found 1']);
});
