import {test} from 'node:test';
import assert from 'node:assert/strict';
import {fullTime, screenDateTime, screenTime, screenZone} from '../source/time-text.js';

/** 2026-12-01 21:37:41 UTC. */
const at = Date.UTC(2026, 11, 1, 21, 37, 41);

/** Runs `check` with the process in `zone`, as a user's TZ would set it. */
function inZone(zone: string, check: () => void): void {
	const before = process.env.TZ;
	process.env.TZ = zone;
	try {
		check();
	} finally {
		if (before === undefined) delete process.env.TZ;
		else process.env.TZ = before;
	}
}

test('text that leaves the screen has the date and the zone', () => {
	inZone('UTC', () => assert.equal(fullTime(at), '2026-12-01 21:37:41 UTC'));
	inZone('Asia/Kolkata', () => assert.equal(fullTime(at), '2026-12-02 03:07:41 +05:30'));
	inZone('America/New_York', () => assert.equal(fullTime(at), '2026-12-01 16:37:41 -05:00'));
	inZone('Asia/Kolkata', () => assert.equal(fullTime(new Date(at).toISOString()), '2026-12-02 03:07:41 +05:30', 'an audit log time reads the same'));
	assert.equal(fullTime('not a time'), 'not a time');
});

test('on the screen the wall clock for today, with the date when not today; the zone said apart', () => {
	inZone('Asia/Kolkata', () => {
		assert.equal(screenTime(at, at + 60_000), '03:07:41');
		// 21:37:41 UTC the day before is 03:07:41 on 1 December in Kolkata: not today there.
		assert.equal(screenTime(at - 24 * 3600_000, at), '2026-12-01 03:07:41');
		assert.equal(screenDateTime(at), '2026-12-02 03:07:41');
		assert.equal(screenZone(at), 'UTC+05:30');
	});
	inZone('UTC', () => {
		assert.equal(screenTime(at, at), '21:37:41');
		assert.equal(screenTime(at, at + 3 * 3600_000), '2026-12-01 21:37:41', 'after midnight it was yesterday');
		assert.equal(screenZone(at), 'UTC');
	});
});
