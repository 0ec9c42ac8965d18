// slice-ansi and @alcalzone/ansi-tokenize, changed at bundle time: each creates its
// Intl.Segmenter when first used rather than as it loads.
import type {Plugin} from 'esbuild';
import {checkedPatch} from './checked-patch.js';

/** The versions these changes were written against; test/patches/fits.test.ts checks them. */
export const fits = {'slice-ansi': '8.0.0', '@alcalzone/ansi-tokenize': '0.2.5'};

/**
 * The first Intl.Segmenter a process creates loads ICU's break rules, some 25 ms; Ink's
 * tokenizers each create one as they load, though pccmon's own paths (source/ui/ink-caches)
 * spare them all text of narrow characters. They get one that is created when first used.
 */
export function lazyGraphemeSegmenters(): Plugin[] {
	const lazy = "const lazySegmenter = (...options) => {\n\tlet segmenter;\n\treturn {segment: text => (segmenter ??= new Intl.Segmenter(...options)).segment(text)};\n};\n";
	return [
		checkedPatch('slice-ansi-lazy-segmenter', /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, [['new Intl.Segmenter(', 'lazySegmenter(']], lazy),
		checkedPatch('ansi-tokenize-lazy-segmenter', /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, [['new Intl.Segmenter(', 'lazySegmenter(']], lazy),
	];
}
