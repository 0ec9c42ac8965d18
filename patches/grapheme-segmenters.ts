// slice-ansi and @alcalzone/ansi-tokenize, changed at bundle time: each creates its
// Intl.Segmenter when first given text past ASCII rather than as it loads.
import {dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Plugin} from 'esbuild';
import {checkedPatch} from './checked-patch.js';

/** The versions these changes were written against; test/patches/fits.test.ts checks them. */
export const fits = {'slice-ansi': '8.0.0', '@alcalzone/ansi-tokenize': '0.2.5'};

const graphemes = JSON.stringify(resolve(dirname(fileURLToPath(import.meta.url)), '../source/ui/ink-caches/graphemes.ts'));

/**
 * The first Intl.Segmenter a process creates loads ICU's break rules, some 25 ms; Ink's
 * tokenizers each create one as they load, and segment every colour sequence the screen
 * draws, though pccmon's own paths (source/ui/ink-caches) spare them all other text of
 * narrow characters. They get one that splits ASCII text itself and creates the real one
 * when first given anything else (source/ui/ink-caches/graphemes.ts).
 */
export function lazyGraphemeSegmenters(): Plugin[] {
	const lazy = `import {lazyGraphemeSegmenter as lazySegmenter} from ${graphemes};\n`;
	return [
		checkedPatch('slice-ansi-lazy-segmenter', /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, [['new Intl.Segmenter(', 'lazySegmenter(']], lazy),
		checkedPatch('ansi-tokenize-lazy-segmenter', /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, [['new Intl.Segmenter(', 'lazySegmenter(']], lazy),
	];
}
