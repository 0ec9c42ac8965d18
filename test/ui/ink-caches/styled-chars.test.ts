import {test} from 'node:test';
import assert from 'node:assert/strict';
import * as ansiTokenize from '@alcalzone/ansi-tokenize';
import {cachedTokenizer, type AnsiTokenize} from '../../../source/ui/ink-caches/styled-chars.js';
import {corpus} from './corpus.js';

const real = ansiTokenize as unknown as AnsiTokenize & {
	styledCharsFromTokens(tokens: unknown[]): Array<{value: string; styles: Array<{code: string}>}>;
	styledCharsToString(chars: unknown[]): string;
};

/** What Ink's Output does with a line: into cells and back into a string. */
function roundTrip(tokenizer: {tokenize(line: string): unknown[]; styledCharsFromTokens(tokens: never[]): unknown[]; styledCharsToString(chars: never[]): string}, line: string): string {
	return tokenizer.styledCharsToString(tokenizer.styledCharsFromTokens(tokenizer.tokenize(line) as never[]) as never[]);
}

test('cells and strings are the library\'s own for every kind of line, first time and from the cache', () => {
	const cached = cachedTokenizer(real);
	for (const round of [1, 2, 3]) {
		for (const line of corpus) {
			const cells = cached.styledCharsFromTokens(cached.tokenize(line));
			const expected = real.styledCharsFromTokens(real.tokenize(line));
			assert.deepEqual(cells.map(cell => [cell.value, cell.fullWidth, cell.styles.map(style => style.code)]), expected.map(cell => [cell.value, (cell as {fullWidth?: boolean}).fullWidth, cell.styles.map(style => style.code)]), `round ${round}: ${JSON.stringify(line)}`);
			assert.equal(roundTrip(cached, line), roundTrip(real as never, line), `round ${round}: ${JSON.stringify(line)}`);
		}
	}
});

test('a row put together from cells of several lines comes out as the library writes it', () => {
	const cached = cachedTokenizer(real);
	const cells = (tokenizer: typeof cached | typeof real) => corpus.slice(2, 9).flatMap(line => tokenizer.styledCharsFromTokens(tokenizer.tokenize(line) as never[]).slice(0, 12));
	assert.equal(cached.styledCharsToString(cells(cached) as never[]), real.styledCharsToString(cells(real)));
});

test('a line seen once is not kept, so figures that change every refresh are not held', () => {
	const cached = cachedTokenizer(real);
	const line = '\u001B[32mwan1  1,869\u001B[39m';
	assert.notEqual(cached.tokenize(line), cached.tokenize(line), 'the second sighting is computed again');
	assert.equal(cached.tokenize(line), cached.tokenize(line), 'from then on it is kept');
});
