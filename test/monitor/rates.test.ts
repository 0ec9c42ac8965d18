import {test} from 'node:test';
import assert from 'node:assert/strict';
import {counterDelta, counterRate, parseCounter, perSecond} from '../../source/monitor/rates.js';

test('a counter that moved forward gives its delta per real second', () => {
	assert.equal(counterRate(1000n, 3000n, 2000), 1000);
	// A late poll (2.5 s instead of 2) must not inflate the rate.
	assert.equal(counterRate(1000n, 3500n, 2500), 1000);
});

test('a 64-bit counter that wrapped past 2^64 still gives the right delta', () => {
	const nearTop = 2n ** 64n - 100n;
	assert.equal(counterDelta(nearTop, 50n), 150n);
	assert.equal(counterRate(nearTop, 50n, 1000), 150);
});

test('a counter reset (went back from well below the top) gives no rate rather than a negative one', () => {
	assert.equal(counterDelta(5_000_000n, 200n), null);
	assert.equal(counterRate(5_000_000n, 200n, 2000), null);
});

test('no elapsed time gives no rate', () => {
	assert.equal(perSecond(10n, 0), null);
	assert.equal(perSecond(10n, -5), null);
});

test('counters are parsed as exact 64-bit integers', () => {
	assert.equal(parseCounter('18446744073709551615'), 2n ** 64n - 1n);
	assert.equal(parseCounter(undefined), null);
	assert.equal(parseCounter('12k'), null);
});
