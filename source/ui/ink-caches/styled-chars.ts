import {BoundedCache, memoize} from './bounded-cache.js';
import {allNarrow, sgrSequence} from './narrow.js';

export interface AnsiCode {
	code: string;
	endCode: string;
}

export type Token = ({type: 'ansi'} & AnsiCode) | {type: 'char'; value: string; fullWidth: boolean};

export interface StyledChar {
	type: 'char';
	value: string;
	fullWidth: boolean;
	styles: AnsiCode[];
}

/** What Ink's Output takes from @alcalzone/ansi-tokenize, and what this module builds on. */
export interface AnsiTokenize {
	tokenize(line: string, endChar?: number): Token[];
	diffAnsiCodes(from: AnsiCode[], to: AnsiCode[]): AnsiCode[];
	ansiCodesToString(codes: AnsiCode[]): string;
	reduceAnsiCodesIncremental(codes: AnsiCode[], newCodes: AnsiCode[]): AnsiCode[];
}

function sameStyles(a: AnsiCode[], b: AnsiCode[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) {
		if (a[index].code !== b[index].code || a[index].endCode !== b[index].endCode) return false;
	}
	return true;
}

/**
 * The library's tokens for a line of colour sequences and narrow characters, without its
 * grapheme segmenter (which it runs over every line, plain ASCII too); undefined for any
 * other line. The colour sequences themselves go to the library, a few distinct ones.
 */
function narrowTokens(line: string, ansiTokens: (sequence: string) => Token[], charToken: (value: string) => Token): Token[] | undefined {
	const tokens: Token[] = [];
	const text = (from: number, to: number): boolean => {
		if (!allNarrow(line, from, to)) return false;
		for (let index = from; index < to; index++) tokens.push(charToken(line[index]));
		return true;
	};
	let end = 0;
	for (const match of line.matchAll(sgrSequence)) {
		if (!text(end, match.index)) return undefined;
		tokens.push(...ansiTokens(match[0]));
		end = match.index + match[0].length;
	}
	return text(end, line.length) ? tokens : undefined;
}

/**
 * The three functions Ink's Output calls for every frame, with the library's results.
 * `styledCharsFromTokens(tokenize(line))` runs for each line drawn: Ink keeps those per frame,
 * this keeps them across frames, so a line unchanged since the last refresh costs a lookup.
 * A character is one object wherever it appears in the same style, and a style one array:
 * a kept line is then an array of references, not a hundred objects of its own (the kept
 * lines were some 5 MB of a long session's heap). Ink places these in its cells and never
 * changes them, which makes the sharing safe.
 * `styledCharsToString` runs for every cell of the screen and diffs the styles of each pair
 * of neighbours with fresh Sets: some 6 MB of garbage a frame at 120x40. Neighbours in the
 * same style, nearly all of them, need no diff: the library's diff of equal styles is empty.
 */
export function cachedTokenizer(real: AnsiTokenize, cacheSize = 256): {
	tokenize(line: string, endChar?: number): Token[];
	styledCharsFromTokens(tokens: Token[]): StyledChar[];
	styledCharsToString(chars: StyledChar[]): string;
} {
	const tokens = new BoundedCache<string, Token[]>(cacheSize);
	const seen = new BoundedCache<string, true>(cacheSize);
	const chars = new WeakMap<Token[], StyledChar[]>();
	const ansiTokens = memoize((sequence: string) => real.tokenize(sequence), 256);
	// One lookup a character, the cheapest there is: this runs for every character of every new line.
	const asciiTokens: Token[] = Array.from({length: 128}, (_value, code) => ({type: 'char', value: String.fromCharCode(code), fullWidth: false}));
	const otherTokens = memoize((value: string): Token => ({type: 'char', value, fullWidth: false}), 1024);
	const charToken = (value: string): Token => asciiTokens[value.charCodeAt(0)] ?? otherTokens(value);
	const styleKey = (styles: AnsiCode[]): string => styles.map(style => `${style.code}${style.endCode}`).join('');
	const noStyles: AnsiCode[] = [];
	const sharedStyles = new BoundedCache<string, AnsiCode[]>(256);
	/** Per shared style, its characters by value; a style no longer in use takes its own along. */
	const charsOfStyle = new WeakMap<AnsiCode[], Map<string, StyledChar>>();
	const charsIn = (styles: AnsiCode[]): Map<string, StyledChar> => {
		let found = charsOfStyle.get(styles);
		if (found === undefined) charsOfStyle.set(styles, (found = new Map()));
		// Text in thousands of different characters in one style is not worth keeping.
		else if (found.size > 4096) found.clear();
		return found;
	};
	const styledChar = (token: Extract<Token, {type: 'char'}>, styles: AnsiCode[], shared: Map<string, StyledChar>): StyledChar => {
		let found = shared.get(token.value);
		if (found === undefined || found.fullWidth !== token.fullWidth) {
			// The same shape as Ink's blank cells: a screen row mixing shapes slows every frame.
			found = {type: 'char', value: token.value, fullWidth: token.fullWidth, styles};
			shared.set(token.value, found);
		}
		return found;
	};
	return {
		tokenize(line, endChar) {
			if (endChar !== undefined) return real.tokenize(line, endChar);
			let found = tokens.get(line);
			if (found === undefined) {
				found = narrowTokens(line, ansiTokens, charToken) ?? real.tokenize(line);
				// Kept from its second sighting: a line whose figures change every refresh
				// would otherwise outlive two collections, be promoted and pile up as old garbage.
				if (seen.get(line)) tokens.set(line, found);
				else seen.set(line, true);
			}
			return found;
		},
		styledCharsFromTokens(list) {
			let found = chars.get(list);
			if (found === undefined) {
				found = [];
				let styles = noStyles;
				let shared = charsIn(styles);
				for (const token of list) {
					if (token.type === 'ansi') {
						const next = real.reduceAnsiCodesIncremental(styles, [token]);
						const key = styleKey(next);
						styles = next.length === 0 ? noStyles : sharedStyles.get(key) ?? next;
						sharedStyles.set(key, styles);
						shared = charsIn(styles);
					} else {
						found.push(styledChar(token, styles, shared));
					}
				}
				chars.set(list, found);
			}
			return found;
		},
		styledCharsToString(list) {
			let text = '';
			let previous: AnsiCode[] = [];
			for (const char of list) {
				if (!sameStyles(previous, char.styles)) text += real.ansiCodesToString(real.diffAnsiCodes(previous, char.styles));
				text += char.value;
				previous = char.styles;
			}
			if (previous.length > 0) text += real.ansiCodesToString(real.diffAnsiCodes(previous, []));
			return text;
		},
	};
}
