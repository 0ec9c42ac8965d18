import {test} from 'node:test';
import assert from 'node:assert/strict';
import {groupThousands} from '../../source/pcc/thousands.js';

test('counts read as Intl.NumberFormat en-US writes them', () => {
	const intl = new Intl.NumberFormat('en-US');
	for (const value of [0, 7, 999, 1000, 4095, 65535, 100000, 1234567, 1000000000, -1, -999, -1000, -1234567, 12.5, 1234.5678, 0.0004, Infinity, Number.NaN]) {
		assert.equal(groupThousands(value), intl.format(value), String(value));
	}
});
