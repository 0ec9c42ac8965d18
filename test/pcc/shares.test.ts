import {test} from 'node:test';
import assert from 'node:assert/strict';
import {wholeShares} from '../../source/pcc/shares.js';

test('parts split into whole units that add up, the largest remainders taking the units left', () => {
	// Rounded one by one, 304 and 336 of 640 were 48 % and 53 %.
	assert.deepEqual(wholeShares([304, 336], 100), [48, 52]);
	assert.deepEqual(wholeShares([95, 95, 10], 100), [48, 47, 5], 'on a tie the earlier part takes the unit');
	assert.deepEqual(wholeShares([1, 1, 1], 100), [34, 33, 33]);
	assert.deepEqual(wholeShares([1, 1, 4], 1000), [167, 167, 666]);
	assert.deepEqual(wholeShares([600, 200], 100), [75, 25], 'exact shares stay as they are');
	assert.deepEqual(wholeShares([0, 0], 100), [0, 0], 'nothing to share: zeros, not NaN');
});
