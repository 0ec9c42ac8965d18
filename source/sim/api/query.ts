import type {Fields} from '../model/item.js';

/**
 * The `?` query words of a print, compiled once and run per row as RouterOS's stack machine
 * (docs/routeros-api.md, "Print and queries"): the stack starts as if full of `true`s, each
 * word pushes or rewrites values, and a row is selected when no `false` remains.
 */
export type RowFilter = (row: Fields) => boolean;

/**
 * How a menu reads one property's values before comparing them, so that both sides of a
 * comparison are in one canonical form (`yes` and `true` alike for a boolean, `*a` and `*A`
 * for an id). Undefined for a property compared as plain text.
 */
export type ValueReader = (name: string) => ((value: string) => string) | undefined;

type Step = (row: Fields, stack: boolean[]) => void;

export class QueryError extends Error {
	override name = 'QueryError';
}

/** Reads past the bottom of the stack as the implicit `true`s. */
function at(stack: boolean[], index: number): boolean {
	return index < stack.length ? stack[stack.length - 1 - index] : true;
}

function pop(stack: boolean[]): boolean {
	return stack.length > 0 ? stack.pop()! : true;
}

function compare(left: string, right: string): number {
	if (/^-?\d+$/.test(left) && /^-?\d+$/.test(right)) {
		const difference = BigInt(left) - BigInt(right);
		return difference === 0n ? 0 : difference < 0n ? -1 : 1;
	}
	return left < right ? -1 : left > right ? 1 : 0;
}

function splitNameValue(text: string): [string, string] {
	const equals = text.indexOf('=');
	if (equals <= 0) throw new QueryError(`invalid query: ${text}`);
	return [text.slice(0, equals), text.slice(equals + 1)];
}

function operators(program: string): Step[] {
	const steps: Step[] = [];
	let position = 0;
	while (position < program.length) {
		const char = program[position];
		if (/\d/.test(char)) {
			let end = position;
			while (end < program.length && /\d/.test(program[end])) end++;
			const index = Number(program.slice(position, end));
			if (end === program.length) {
				steps.push((_row, stack) => {
					const value = at(stack, index);
					stack.length = 0;
					stack.push(value);
				});
			} else {
				steps.push((_row, stack) => stack.push(at(stack, index)));
				// A `.` straight after an index is only a separator.
				if (program[end] === '.') end++;
			}
			position = end;
			continue;
		}
		switch (char) {
			case '!':
				steps.push((_row, stack) => stack.push(!pop(stack)));
				break;
			case '&':
				steps.push((_row, stack) => {
					const right = pop(stack);
					const left = pop(stack);
					stack.push(left && right);
				});
				break;
			case '|':
				steps.push((_row, stack) => {
					const right = pop(stack);
					const left = pop(stack);
					stack.push(left || right);
				});
				break;
			case '.':
				steps.push((_row, stack) => stack.push(at(stack, 0)));
				break;
			default:
				throw new QueryError(`invalid query operator: ${char}`);
		}
		position++;
	}
	return steps;
}

function step(word: string, reader: ValueReader): Step[] {
	if (word.startsWith('#')) return operators(word.slice(1));
	if (word.startsWith('-')) {
		const name = word.slice(1);
		return [(row, stack) => stack.push(!(name in row))];
	}
	if (word.startsWith('<') || word.startsWith('>')) {
		const [name, raw] = splitNameValue(word.slice(1));
		const read = reader(name) ?? same;
		const value = read(raw);
		const wanted = word.startsWith('<') ? -1 : 1;
		return [(row, stack) => stack.push(compare(read(row[name] ?? ''), value) === wanted)];
	}
	const text = word.startsWith('=') ? word.slice(1) : word;
	if (!text.includes('=')) return [(row, stack) => stack.push(text in row)];
	const [name, raw] = splitNameValue(text);
	const read = reader(name);
	if (!read) return [(row, stack) => stack.push((row[name] ?? '') === raw)];
	const value = read(raw);
	return [(row, stack) => stack.push(read(row[name] ?? '') === value)];
}

function same(value: string): string {
	return value;
}

export function compileQuery(words: string[], reader: ValueReader = () => undefined): RowFilter {
	if (words.length === 0) return () => true;
	const steps = words.flatMap(word => step(word, reader));
	return row => {
		const stack: boolean[] = [];
		for (const run of steps) run(row, stack);
		return !stack.includes(false);
	};
}
