import {memoize} from './bounded-cache.js';
import {allNarrow, sgrSequence} from './narrow.js';

export type StringWidth = (text: string, options?: object) => number;

/** The width when, colours aside, every character is narrow; else undefined. */
export function narrowWidth(text: string): number | undefined {
	const plain = text.includes('\u001B') ? text.replace(sgrSequence, '') : text;
	return allNarrow(plain) ? plain.length : undefined;
}

/**
 * string-width as Ink calls it for every line of every frame, without the grapheme
 * segmenter and emoji expressions for text that cannot need them (a chart line is a row of
 * box-drawing characters), and remembering the rest.
 */
export function fastStringWidth(stringWidth: StringWidth, cacheSize = 1024): StringWidth {
	const slow = memoize((text: string) => stringWidth(text), cacheSize);
	return (text, options) => {
		if (typeof text !== 'string' || options !== undefined) return stringWidth(text, options);
		return narrowWidth(text) ?? slow(text);
	};
}
