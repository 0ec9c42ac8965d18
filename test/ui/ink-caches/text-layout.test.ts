import {test} from 'node:test';
import assert from 'node:assert/strict';
import cliTruncate from 'cli-truncate';
import widestLine from 'widest-line';
import wrapAnsi from 'wrap-ansi';
import {measureTextWith, wrapTextWith} from '../../../source/ui/ink-caches/text-layout.js';

test('measuring gives the widest line and the line count, empty text none', () => {
	const measure = measureTextWith(widestLine);
	assert.deepEqual(measure('ab\nabcd\n'), {width: 4, height: 3});
	assert.deepEqual(measure(''), {width: 0, height: 0});
});

test('wrapping and truncating follow Ink: hard wrap without trimming, ellipsis where asked', () => {
	const wrap = wrapTextWith(wrapAnsi, cliTruncate);
	assert.equal(wrap('wan1 wan2 wan3', 6, 'wrap'), 'wan1 \nwan2 \nwan3');
	assert.equal(wrap('0123456789', 6, 'truncate-end'), '01234…');
	assert.equal(wrap('0123456789', 6, 'truncate-middle'), '012…89');
	assert.equal(wrap('0123456789', 6, 'truncate-start'), '…56789');
	assert.equal(wrap('short', 6, 'truncate-end'), 'short');
});

test('the same text at another width is wrapped again, not taken from the cache', () => {
	const wrap = wrapTextWith(wrapAnsi, cliTruncate);
	assert.equal(wrap('abcdefgh', 4, 'truncate-end'), 'abc…');
	assert.equal(wrap('abcdefgh', 6, 'truncate-end'), 'abcde…');
});
