import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatDate, formatDuration, parseBool, parseDate, parseDuration} from '../../../source/sim/model/format.js';
import {parseVersion} from '../../../source/sim/model/version.js';

test('durations print compact with zero units left out', () => {
	assert.equal(formatDuration(((((7 + 2) * 24 + 3) * 60 + 4) * 60 + 5) * 1000), '1w2d3h4m5s');
	assert.equal(formatDuration(5 * 60_000), '5m');
	assert.equal(formatDuration(150), '150ms');
	assert.equal(formatDuration(86_399_000 + 1000), '1d');
	assert.equal(formatDuration(0), '0s');
});

test('durations are read in the forms RouterOS accepts', () => {
	assert.equal(parseDuration('1m30s'), 90_000);
	assert.equal(parseDuration('10'), 10_000);
	assert.equal(parseDuration('00:01:00'), 60_000);
	assert.equal(parseDuration('150ms'), 150);
	assert.equal(parseDuration('soon'), undefined);
	assert.equal(parseDuration(''), undefined);
});

test('dates follow the version: month names before 7.10, ISO-like from 7.10', () => {
	const instant = Date.UTC(2024, 0, 2, 13, 45, 0);
	assert.equal(formatDate(instant, parseVersion('6.49.10')!), 'jan/02/2024 13:45:00');
	assert.equal(formatDate(instant, parseVersion('7.9')!), 'jan/02/2024 13:45:00');
	assert.equal(formatDate(instant, parseVersion('7.10')!), '2024-01-02 13:45:00');
	// A scheduler's start-date and start-time, read back either way.
	for (const version of ['6.49.10', '7.10']) {
		const [date, time] = formatDate(instant, parseVersion(version)!).split(' ');
		assert.equal(parseDate(date, time), instant, version);
	}
	assert.equal(parseDate('foo/02/2024', '13:45:00'), undefined);
	assert.equal(parseDate('2024-01-02', 'startup'), undefined);
});

test('booleans are taken as yes/no or true/false', () => {
	assert.equal(parseBool('yes'), true);
	assert.equal(parseBool('false'), false);
	assert.equal(parseBool('maybe'), undefined);
});
