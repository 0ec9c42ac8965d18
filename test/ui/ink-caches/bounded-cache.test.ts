import {test} from 'node:test';
import assert from 'node:assert/strict';
import {BoundedCache, memoize} from '../../../source/ui/ink-caches/bounded-cache.js';

test('a bounded cache never holds more than two generations, however many keys pass through', () => {
	const cache = new BoundedCache<number, number>(100);
	for (let key = 0; key < 10_000; key++) cache.set(key, key);
	assert.equal(cache.get(9_999), 9_999);
	let remembered = 0;
	for (let key = 9_999; key >= 0; key--) if (cache.get(key) !== undefined) remembered++;
	assert.ok(remembered > 0 && remembered <= 200, `${remembered} of 10,000 keys remembered`);
});

test('what is used every round stays while the rest passes through', () => {
	const cache = new BoundedCache<string, number>(10);
	cache.set('header', 1);
	for (let round = 0; round < 100; round++) {
		assert.equal(cache.get('header'), 1, `round ${round}`);
		for (let other = 0; other < 5; other++) cache.set(`figure ${round}.${other}`, other);
	}
});

test('memoize computes a key once while it is remembered', () => {
	let calls = 0;
	const square = memoize((value: number) => {
		calls++;
		return value * value;
	}, 4);
	assert.equal(square(3), 9);
	assert.equal(square(3), 9);
	assert.equal(calls, 1);
});
