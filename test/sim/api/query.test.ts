import {test} from 'node:test';
import assert from 'node:assert/strict';
import {compileQuery, QueryError} from '../../../source/sim/api/query.js';
import type {Fields} from '../../../source/sim/model/item.js';

const rows: Fields[] = [
	{name: 'ether1', type: 'ether', disabled: 'false', mtu: '1500'},
	{name: 'vlan10', type: 'vlan', disabled: 'true', mtu: '1500', comment: 'uplink'},
	{name: 'bridge', type: 'bridge', disabled: 'false', mtu: '9000', comment: ''},
];

function names(words: string[]): string[] {
	const filter = compileQuery(words);
	return rows.filter(row => filter(row)).map(row => row.name);
}

test('no query selects every row', () => {
	assert.deepEqual(names([]), ['ether1', 'vlan10', 'bridge']);
});

test('?type=ether ?type=vlan ?#| selects ether OR vlan (manual example)', () => {
	assert.deepEqual(names(['type=ether', 'type=vlan', '#|']), ['ether1', 'vlan10']);
});

test('?disabled=true ?#! selects the enabled rows (manual example)', () => {
	assert.deepEqual(names(['disabled=true', '#!']), ['ether1', 'bridge']);
});

test('?>comment= selects a non-empty comment, ?-comment a missing one', () => {
	assert.deepEqual(names(['>comment=']), ['vlan10']);
	assert.deepEqual(names(['-comment']), ['ether1']);
	assert.deepEqual(names(['comment']), ['vlan10', 'bridge']);
});

test('equality also reads as ?=name=value, and an absent property equals the empty value', () => {
	assert.deepEqual(names(['=type=bridge']), ['bridge']);
	assert.deepEqual(names(['comment=']), ['ether1', 'bridge']);
});

test('several equalities without operators all have to hold', () => {
	assert.deepEqual(names(['mtu=1500', 'disabled=false']), ['ether1']);
});

test('< and > compare numbers as numbers and other text as text', () => {
	assert.deepEqual(names(['>mtu=1600']), ['bridge']);
	assert.deepEqual(names(['<mtu=900']), []);
	assert.deepEqual(names(['<name=c']), ['bridge']);
});

test('an operator that runs out of pushed values uses the implicit trues', () => {
	assert.deepEqual(names(['type=vlan', '#|']), ['ether1', 'vlan10', 'bridge']);
	assert.deepEqual(names(['type=vlan', '#&']), ['vlan10']);
});

test('an index pushes a copy of that entry; at the end of the word it replaces the stack', () => {
	// type=ether, type=vlan, then `1` alone: the stack becomes the type=ether value.
	assert.deepEqual(names(['type=ether', 'type=vlan', '#1']), ['ether1']);
	// `01` is one index (1): it pushes a copy of type=ether; `|` ORs it with type=vlan; `&`
	// ANDs that with the type=ether left underneath.
	assert.deepEqual(names(['type=ether', 'type=vlan', '#01|&']), ['ether1']);
	// `0.` pushes a copy of the top; the `.` after the index only separates.
	assert.deepEqual(names(['type=vlan', '#0.!&']), []);
	assert.deepEqual(names(['type=ether', 'type=vlan', '#|.&']), ['ether1', 'vlan10']);
});

test('a bad operator is a query error', () => {
	assert.throws(() => compileQuery(['#x']), QueryError);
});
