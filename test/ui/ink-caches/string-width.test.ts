import {test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {fastStringWidth, narrowWidth} from '../../../source/ui/ink-caches/string-width.js';
import {corpus} from './corpus.js';

test('the fast string width agrees with string-width on every kind of line, twice over (cached)', () => {
	const fast = fastStringWidth(stringWidth);
	for (const round of [1, 2]) {
		for (const line of corpus) assert.equal(fast(line), stringWidth(line), `round ${round}: ${JSON.stringify(line)}`);
	}
});

test('colour sequences do not count; wide, joined or invisible characters leave it to string-width', () => {
	assert.equal(narrowWidth('\u001B[31m─ red ─\u001B[39m'), 7);
	assert.equal(narrowWidth('漢字'), undefined);
	assert.equal(narrowWidth('e\u0301'), undefined);
});

test('options go straight to string-width', () => {
	const fast = fastStringWidth(stringWidth);
	assert.equal(fast('\u001B[31mx\u001B[39m', {countAnsiEscapeCodes: true}), stringWidth('\u001B[31mx\u001B[39m', {countAnsiEscapeCodes: true}));
	assert.equal(fast('±', {ambiguousIsNarrow: false}), 2);
});
