import {test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {allNarrow, narrowRanges} from '../../../source/ui/ink-caches/narrow.js';

test('every narrow character is one column wide and a grapheme of its own, as string-width and Intl see it', () => {
	const graphemes = new Intl.Segmenter();
	const wrong: string[] = [];
	for (const [from, to] of narrowRanges) {
		for (let code = from; code <= to; code++) {
			const char = String.fromCharCode(code);
			const alone = [...graphemes.segment(`a${char}${char}b`)].length === 4;
			if (stringWidth(char) !== 1 || !alone) wrong.push(code.toString(16));
		}
	}
	assert.deepEqual(wrong, []);
});

test('text with anything else is not narrow', () => {
	assert.equal(allNarrow('wan1 ─ ▁▂ ✓'), true);
	for (const text of ['漢', '👍', 'e\u0301', '\u00AD', '◽', '\t', '\u001B']) assert.equal(allNarrow(`ok ${text}`), false, JSON.stringify(text));
});
