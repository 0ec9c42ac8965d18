import {test} from 'node:test';
import assert from 'node:assert/strict';
import {asciiGraphemes, lazyGraphemeSegmenter} from '../../../source/ui/ink-caches/graphemes.js';
import {corpus} from './corpus.js';

const intl = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const asData = (segments: Iterable<{segment: string; index: number; input: string}>) => [...segments].map(({segment, index, input}) => ({segment, index, input}));

const everyAscii = Array.from({length: 128}, (_value, code) => String.fromCharCode(code)).join('');
const asciiTexts = ['', 'a', `${everyAscii}${everyAscii}`, '\r', '\n', '\n\r', 'a\rb\nc', '\u001B[1;31mred\u001B[0m', ...corpus.filter(text => /^[\0-\x7f]*$/.test(text))];

test('ASCII text splits into the graphemes Intl.Segmenter finds, and contains them where it does', () => {
	for (const text of asciiTexts) {
		const ours = asciiGraphemes(text);
		assert.ok(ours, JSON.stringify(text));
		assert.deepEqual(asData(ours), asData(intl.segment(text)), JSON.stringify(text));
		for (let index = -1; index <= text.length; index++) {
			const expected = intl.segment(text).containing(index);
			assert.deepEqual(ours.containing(index), expected && {segment: expected.segment, index: expected.index, input: expected.input}, `${JSON.stringify(text)} at ${index}`);
		}
	}
});

test('text past ASCII, and CR LF, go to Intl.Segmenter, with its results', () => {
	const segmenter = lazyGraphemeSegmenter(undefined, {granularity: 'grapheme'});
	for (const text of ['a\r\nb', ...corpus.filter(text => !/^[\0-\x7f]*$/.test(text))]) {
		assert.equal(asciiGraphemes(text), undefined, JSON.stringify(text));
		assert.deepEqual(asData(segmenter.segment(text)), asData(intl.segment(text)), JSON.stringify(text));
	}
	assert.deepEqual(asData(segmenter.segment('wan1 50%')), asData(intl.segment('wan1 50%')));
});
