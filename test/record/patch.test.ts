import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {applyPatch, patchFrom} from '../../source/record/patch.js';

/* A patch, as a recording stores it (through JSON), turns the last value into the next. */

const throughJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

function roundTrip(before: unknown, after: unknown): unknown {
	const patch = patchFrom(before, after);
	return patch === undefined ? before : applyPatch(throughJson(before), throughJson(patch));
}

describe('configuration patches', () => {
	it('rebuilds the next value from the last, whatever changed in it', () => {
		const before = {mangle: [{id: '*1', bytes: 10, comment: 'wan1'}, {id: '*2', bytes: 4}], version: '7.18', lists: ['LAN'], board: 'hEX'};
		const cases: unknown[] = [
			{...before, mangle: [{id: '*1', bytes: 90, comment: 'wan1'}, {id: '*2', bytes: 8}]},
			{...before, mangle: [{id: '*1', bytes: 10}, {id: '*2', bytes: 4, comment: 'new'}]},
			{...before, mangle: [{id: '*1', bytes: 10, comment: 'wan1'}]},
			{...before, lists: ['LAN', 'WAN'], board: undefined},
			{...before, version: {major: 7}},
			{...before, lists: null},
			[1, 2],
			'text',
		];
		for (const after of cases) assert.deepEqual(roundTrip(before, after), throughJson(after), JSON.stringify(after));
	});

	it('is nothing for an equal value, and only the changed member for a grown counter', () => {
		const before = {mangle: [{id: '*1', bytes: 10, chain: 'prerouting'}], routes: [{id: '*5', active: true}]};
		assert.equal(patchFrom(before, structuredClone(before)), undefined);
		assert.deepEqual(patchFrom(before, {...before, mangle: [{id: '*1', bytes: 25, chain: 'prerouting'}]}), {$p: {mangle: {$p: {0: {$p: {bytes: 25}}}}}});
	});
});
