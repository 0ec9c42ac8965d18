import {BoundedCache} from './bounded-cache.js';

type Wrap = 'wrap' | 'end' | 'middle' | 'truncate' | 'truncate-end' | 'truncate-middle' | 'truncate-start';
type WrapAnsi = (text: string, columns: number, options: {trim: boolean; hard: boolean}) => string;
type Truncate = (text: string, columns: number, options: {position: 'start' | 'middle' | 'end'}) => string;

/**
 * Ink's measure-text and wrap-text, with the same results, but remembering a bounded number
 * of texts. Ink's own keep every text they ever saw: on a screen whose figures change every
 * second that is a leak of some 50 MB an hour, and a monitor stays up for days.
 */
export function measureTextWith(widestLine: (text: string) => number, cacheSize = 1024) {
	const cache = new BoundedCache<string, {width: number; height: number}>(cacheSize);
	return (text: string): {width: number; height: number} => {
		if (text.length === 0) return {width: 0, height: 0};
		let dimensions = cache.get(text);
		if (dimensions === undefined) {
			dimensions = {width: widestLine(text), height: text.split('\n').length};
			cache.set(text, dimensions);
		}
		return dimensions;
	};
}

export function wrapTextWith(wrapAnsi: WrapAnsi, truncate: Truncate, cacheSize = 1024) {
	const cache = new BoundedCache<string, string>(cacheSize);
	return (text: string, maxWidth: number, wrapType: Wrap): string => {
		const key = `${maxWidth}\u0000${wrapType}\u0000${text}`;
		let wrapped = cache.get(key);
		if (wrapped !== undefined) return wrapped;
		wrapped = text;
		if (wrapType === 'wrap') wrapped = wrapAnsi(text, maxWidth, {trim: false, hard: true});
		if (wrapType.startsWith('truncate')) {
			const position = wrapType === 'truncate-middle' ? 'middle' : wrapType === 'truncate-start' ? 'start' : 'end';
			wrapped = truncate(text, maxWidth, {position});
		}
		cache.set(key, wrapped);
		return wrapped;
	};
}
