import {test} from 'node:test';
import assert from 'node:assert/strict';
import {SimClock} from '../../../source/sim/engine/clock.js';
import {Random} from '../../../source/sim/engine/random.js';

test('advance runs due work in time order, at its own instant', () => {
	const clock = new SimClock(1000);
	const seen: string[] = [];
	clock.every(300, now => seen.push(`tick@${now}`));
	clock.at(1500, now => seen.push(`once@${now}`));
	const cancel = clock.at(1200, () => seen.push('cancelled'));
	cancel();
	clock.advance(1000);
	assert.deepEqual(seen, ['tick@1300', 'once@1500', 'tick@1600', 'tick@1900']);
	assert.equal(clock.now(), 2000);
});

test('work scheduled while advancing runs within the same advance when due', () => {
	const clock = new SimClock();
	const seen: number[] = [];
	clock.at(10, now => clock.at(now + 5, later => seen.push(later)));
	clock.advance(20);
	assert.deepEqual(seen, [15]);
});

test('real time moves the clock until stopped', async () => {
	const clock = new SimClock();
	const moved = new Promise<number>(resolve => clock.at(30, now => resolve(now)));
	// The clock's timer is unref'd (it must not keep a CLI alive); this test holds the loop open.
	const hold = setInterval(() => {}, 1000);
	clock.startRealTime(5);
	try {
		assert.equal(await moved, 30);
	} finally {
		clock.stopRealTime();
		clearInterval(hold);
	}
	assert.equal(clock.running, false);
});

test('the same seed draws the same numbers', () => {
	const draw = (seed: number) => Array.from({length: 5}, (_value, index) => new Random(seed).int(1000 + index));
	assert.deepEqual(draw(7), draw(7));
	const a = new Random(1);
	const b = new Random(2);
	assert.notDeepEqual([a.next(), a.next()], [b.next(), b.next()]);
});
