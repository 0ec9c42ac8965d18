/** A grapheme as Intl.Segmenter gives it. */
export interface Grapheme {
	segment: string;
	index: number;
	input: string;
}

/** What Ink's text helpers use of Intl.Segments. */
export interface Graphemes extends Iterable<Grapheme> {
	containing(index?: number): Grapheme | undefined;
}

const ascii = /^[\0-\x7f]*$/;

/**
 * The graphemes of ASCII text without a CR LF pair: each character is one (Unicode's
 * segmentation rules join no two ASCII characters but CR and LF); undefined for other text.
 */
export function asciiGraphemes(input: string): Graphemes | undefined {
	if (!ascii.test(input) || input.includes('\r\n')) return undefined;
	const at = (index: number): Grapheme | undefined => (index >= 0 && index < input.length ? {segment: input[index], index, input} : undefined);
	return {
		containing: (index = 0) => at(Math.trunc(index)),
		*[Symbol.iterator]() {
			for (let index = 0; index < input.length; index++) yield at(index)!;
		},
	};
}

/**
 * A grapheme segmenter for Ink's text helpers (slice-ansi, @alcalzone/ansi-tokenize) that
 * creates its Intl.Segmenter when first given text past ASCII. The first Intl.Segmenter a
 * process creates loads ICU's break rules, some 25 ms, and the helpers segment every colour
 * sequence the screen draws; pccmon's own paths (this folder) spare them the rest of its text.
 */
export function lazyGraphemeSegmenter(locales?: string | string[], options?: Intl.SegmenterOptions): {segment(text: string): Graphemes} {
	let segmenter: Intl.Segmenter | undefined;
	return {segment: text => asciiGraphemes(text) ?? (segmenter ??= new Intl.Segmenter(locales, options)).segment(text)};
}
