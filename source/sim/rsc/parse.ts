/**
 * Reads RouterOS `/export` text, and the scripts people keep in .rsc files or paste into a
 * terminal, into a syntax tree (tree.ts) the loader runs. Never throws: what cannot be read
 * becomes an `unreadable` statement carrying its line, and the rest is still read.
 */
import {bareScriptCommands, literal, verbs, walk, type RscArgument, type RscExpression, type RscPiece, type RscStatement, type RscWord} from './tree.js';

export interface RscWarning {
	line: number;
	message: string;
}

export interface RscScript {
	/** From the header, e.g. `7.18.2` in `# 2024-01-02 13:45:00 by RouterOS 7.18.2`. */
	version?: string;
	model?: string;
	softwareId?: string;
	statements: RscStatement[];
}

/** Text with the line each character came from, after continuation lines are joined. */
interface Joined {
	text: string;
	lines: number[];
}

/**
 * Joins continuation lines: a `\` ending a line, inside or outside quotes, is dropped with
 * the line break and the next line's indentation, so a wrap inside a word or a quoted value
 * joins with no space (docs/routeros-behaviour.md, "Export format"). Comment lines never
 * continue.
 */
function joinContinuations(source: string): Joined {
	let text = '';
	const lines: number[] = [];
	let line = 1;
	let inQuote = false;
	let lineStart = true;
	let inComment = false;
	const push = (c: string) => {
		text += c;
		lines.push(line);
	};
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (c === '\r' && source[i + 1] === '\n') continue;
		if (c === '\n') {
			push(c);
			line++;
			lineStart = true;
			inComment = false;
			// A quoted value never runs past the end of its line.
			inQuote = false;
			continue;
		}
		if (lineStart && !inQuote && (c === ' ' || c === '\t')) {
			push(c);
			continue;
		}
		if (lineStart && !inQuote && c === '#') inComment = true;
		lineStart = false;
		if (inComment) {
			push(c);
			continue;
		}
		if (c === '\\') {
			const rest = /^[ \t]*\r?\n[ \t]*/.exec(source.slice(i + 1, i + 400));
			if (rest) {
				for (const skipped of rest[0]) if (skipped === '\n') line++;
				i += rest[0].length;
				continue;
			}
			push(c);
			if (i + 1 < source.length && source[i + 1] !== '\n' && source[i + 1] !== '\r') push(source[++i]);
			continue;
		}
		if (c === '"') inQuote = !inQuote;
		push(c);
	}
	return {text, lines};
}

const letterEscapes: Record<string, string> = {
	'n': '\n', 'r': '\r', 't': '\t', 'a': '\x07', 'b': '\b', 'f': '\f', 'v': '\v', '_': ' ',
};

class ParseError extends Error {}

/** Recursive descent over the joined text. */
class Parser {
	private i = 0;

	constructor(private readonly source: Joined) {}

	private get text(): string {
		return this.source.text;
	}

	lineAt(index = this.i): number {
		return this.source.lines[Math.min(index, this.source.lines.length - 1)] ?? 1;
	}

	private peek(offset = 0): string | undefined {
		return this.text[this.i + offset];
	}

	private atEnd(): boolean {
		return this.i >= this.text.length;
	}

	/** Blocks never closed: what is inside them still runs, and the opening line is reported. */
	readonly unclosed: RscStatement[] = [];

	/** Statements until `close` (or the end of the text when undefined). */
	statements(close?: string, elements: RscWord[][] = []): RscStatement[] {
		const body: RscStatement[] = [];
		const openLine = this.lineAt(this.i - 1);
		for (;;) {
			// A command inside `[ ]` ends on its line (a `\` continues it), so one unclosed `[`
			// costs its own line only.
			this.skipBlank(close !== ']');
			if (close === ']' && this.peek() === '\n') throw new ParseError('"[" is never closed');
			if (this.atEnd()) {
				if (close === '}') {
					this.unclosed.push({kind: 'unreadable', line: openLine, message: '"{" is never closed; the commands after it still ran'});
				} else if (close !== undefined) {
					throw new ParseError(`"${close === ')' ? '(' : '['}" is never closed`);
				}
				return body;
			}
			const c = this.peek();
			if (c === close) {
				this.i++;
				return body;
			}
			if (c === '#') {
				this.skipToLineEnd();
				continue;
			}
			if ((c === '}' || c === ']' || c === ')') && close === undefined) {
				body.push({kind: 'unreadable', line: this.lineAt(), message: `unexpected "${c}"; skipped`});
				this.i++;
				continue;
			}
			body.push(this.statement(close, elements));
		}
	}

	private block(): RscPiece {
		const start = this.i;
		const elements: RscWord[][] = [];
		const body = this.statements('}', elements);
		const end = this.text[this.i - 1] === '}' ? this.i - 1 : this.i;
		return {kind: 'block', body, elements, text: this.text.slice(start, end).trim()};
	}

	private skipBlank(newlines: boolean): void {
		while (!this.atEnd()) {
			const c = this.peek()!;
			if (c === ' ' || c === '\t' || c === '\r' || (newlines && (c === '\n' || c === ';'))) this.i++;
			// What is left of a continuation when a web page flattened the line breaks away.
			else if (c === '\\' && (this.peek(1) === ' ' || this.peek(1) === '\t' || this.peek(1) === undefined)) this.i++;
			else break;
		}
	}

	private skipToLineEnd(): void {
		while (!this.atEnd() && this.peek() !== '\n') this.i++;
	}

	private statement(close: string | undefined, elements: RscWord[][]): RscStatement {
		const line = this.lineAt();
		const start = this.i;
		let words: RscWord[];
		try {
			words = this.words(close);
			elements.push(words);
		} catch (error) {
			if (!(error instanceof ParseError)) throw error;
			// Skip what is left of the line (a block that never closed swallowed the rest).
			this.skipToLineEnd();
			return {kind: 'unreadable', line, message: `${error.message}; skipped`};
		}
		return classify(words, line, this.text.slice(start, this.i).trim());
	}

	/** Words up to the end of the statement: a newline, `;`, or the closing character. */
	private words(close: string | undefined): RscWord[] {
		const words: RscWord[] = [];
		for (;;) {
			this.skipBlank(false);
			const c = this.peek();
			if (c === undefined || c === '\n' || c === ';' || c === close) return words;
			if (c === '#') {
				this.skipToLineEnd();
				return words;
			}
			if (c === ']' || c === '}' || c === ')') throw new ParseError(`unexpected "${c}"`);
			const word = this.word(close);
			if (word.pieces.length === 0) this.i++;
			else words.push(word);
		}
	}

	private word(close: string | undefined): RscWord {
		const line = this.lineAt();
		const pieces: RscPiece[] = [];
		let text = '';
		const flush = () => {
			if (text !== '') pieces.push({kind: 'text', text, quoted: false});
			text = '';
		};
		for (;;) {
			const c = this.peek();
			if (c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === close) break;
			if (c === '"') {
				flush();
				pieces.push(...this.quoted());
			} else if (c === '[') {
				flush();
				this.i++;
				pieces.push({kind: 'command', body: this.statements(']')});
			} else if (c === '{') {
				flush();
				this.i++;
				pieces.push(this.block());
			} else if (c === '(') {
				flush();
				this.i++;
				pieces.push({kind: 'expression', expression: this.expression(')')});
			} else if (c === '$' && this.variableFollows()) {
				flush();
				pieces.push(this.variable());
			} else if (c === '\\') {
				// A flattened continuation ends the word; any other escape is the character.
				if (this.peek(1) === ' ' || this.peek(1) === '\t' || this.peek(1) === undefined) break;
				text += this.escape();
			} else if (c === ']' || c === '}' || c === ')') {
				break;
			} else {
				text += c;
				this.i++;
			}
		}
		flush();
		return {pieces, line};
	}

	private variableFollows(): boolean {
		const next = this.peek(1);
		return next === '"' || (next !== undefined && /[A-Za-z0-9_]/.test(next));
	}

	private variable(): RscPiece {
		this.i++;
		if (this.peek() === '"') {
			this.i++;
			let name = '';
			while (!this.atEnd() && this.peek() !== '"' && this.peek() !== '\n') name += this.text[this.i++];
			if (this.peek() !== '"') throw new ParseError('unterminated quoted value');
			this.i++;
			return {kind: 'variable', name};
		}
		let name = '';
		while (!this.atEnd() && /[A-Za-z0-9_]/.test(this.peek()!)) name += this.text[this.i++];
		return {kind: 'variable', name};
	}

	/** One escape after `\`: hex bytes (`\E2\80\94`) or a letter. */
	private escape(): string {
		const hex = this.text.slice(this.i + 1, this.i + 3);
		if (/^[0-9A-F]{2}$/.test(hex) || /^[0-9][0-9a-f]$/.test(hex)) {
			// Consecutive hex escapes are the bytes of one UTF-8 character.
			const bytes: number[] = [];
			while (this.peek() === '\\' && /^([0-9A-F]{2}|[0-9][0-9a-f])$/.test(this.text.slice(this.i + 1, this.i + 3))) {
				bytes.push(Number.parseInt(this.text.slice(this.i + 1, this.i + 3), 16));
				this.i += 3;
			}
			return Buffer.from(bytes).toString('utf8');
		}
		const next = this.text[this.i + 1] ?? '';
		this.i += 2;
		return letterEscapes[next] ?? next;
	}

	/** `"..."`: text pieces with `$var` and `$[...]` inside. */
	private quoted(): RscPiece[] {
		this.i++;
		const pieces: RscPiece[] = [];
		let text = '';
		const flush = (always: boolean) => {
			if (text !== '' || always) pieces.push({kind: 'text', text, quoted: true});
			text = '';
		};
		for (;;) {
			const c = this.peek();
			if (c === undefined || c === '\n') throw new ParseError('unterminated quoted value');
			if (c === '"') {
				this.i++;
				break;
			}
			if (c === '\\') {
				text += this.escape();
			} else if (c === '$' && this.variableFollows()) {
				flush(false);
				pieces.push(this.variable());
			} else if (c === '$' && this.peek(1) === '[') {
				flush(false);
				this.i += 2;
				pieces.push({kind: 'command', body: this.statements(']')});
			} else {
				text += c;
				this.i++;
			}
		}
		flush(pieces.length === 0);
		return pieces;
	}

	// Expressions: `( a . "b" )`, `($x = "yes")`, `([:len $y] > 0 && !$z)`, `($map->$key)`.
	private static readonly precedence: Record<string, number> = {
		'||': 1, 'or': 1, '&&': 2, 'and': 2,
		'=': 3, '!=': 3, '<': 3, '>': 3, '<=': 3, '>=': 3, '~': 3, 'in': 3,
		'.': 4, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, '->': 7,
	};

	private expression(close: string): RscExpression {
		const expression = this.binary(close, 0);
		this.skipExpressionBlank();
		if (this.peek() !== close) throw new ParseError(`cannot read expression near "${this.text.slice(this.i, this.i + 20)}"`);
		this.i++;
		return expression;
	}

	private skipExpressionBlank(): void {
		while (!this.atEnd() && /[ \t\r]/.test(this.peek()!)) this.i++;
	}

	private operator(): string | undefined {
		this.skipExpressionBlank();
		const rest = this.text.slice(this.i, this.i + 3);
		for (const op of ['->', '&&', '||', '!=', '<=', '>=']) if (rest.startsWith(op)) return op;
		if (/^(and|or|in)[\s($"[]/.test(this.text.slice(this.i, this.i + 4))) return /^(and|or|in)/.exec(rest)![1];
		const c = this.peek();
		return c !== undefined && '=<>~.+-*/%'.includes(c) ? c : undefined;
	}

	private binary(close: string, minimum: number): RscExpression {
		let left = this.unary(close);
		for (;;) {
			const start = this.i;
			const op = this.operator();
			const level = op === undefined ? undefined : Parser.precedence[op];
			if (op === undefined || level === undefined || level <= minimum) {
				this.i = start;
				return left;
			}
			this.i += op.length;
			left = {kind: 'binary', op, left, right: this.binary(close, level)};
		}
	}

	private unary(close: string): RscExpression {
		this.skipExpressionBlank();
		const c = this.peek();
		if (c === '!') {
			this.i++;
			return {kind: 'unary', op: '!', operand: this.unary(close)};
		}
		if (c === '-' && !/[0-9]/.test(this.peek(1) ?? '')) {
			this.i++;
			return {kind: 'unary', op: '-', operand: this.unary(close)};
		}
		return {kind: 'value', word: this.operand(close)};
	}

	/** One operand: a string, variable, command, nested expression, array, number or word. */
	private operand(close: string): RscWord {
		const line = this.lineAt();
		const c = this.peek();
		if (c === undefined || c === '\n') throw new ParseError(`"(" is never closed`);
		if (c === '"') return {pieces: this.quoted(), line};
		if (c === '$' && this.variableFollows()) return {pieces: [this.variable()], line};
		if (c === '[') {
			this.i++;
			return {pieces: [{kind: 'command', body: this.statements(']')}], line};
		}
		if (c === '(') {
			this.i++;
			return {pieces: [{kind: 'expression', expression: this.expression(')')}], line};
		}
		if (c === '{') {
			this.i++;
			return {pieces: [this.block()], line};
		}
		// Numbers, addresses (10.0.0.1/24), durations (1s), negative numbers and bare words.
		const match = /^-?[0-9][0-9A-Za-z.:/]*|^[A-Za-z_][A-Za-z0-9_:-]*/.exec(this.text.slice(this.i));
		if (!match || match[0] === '' || c === close) throw new ParseError(`cannot read expression near "${this.text.slice(this.i, this.i + 20)}"`);
		this.i += match[0].length;
		return {pieces: [{kind: 'text', text: match[0], quoted: false}], line};
	}
}

const argumentPattern = /^(!?[a-z.][a-z0-9.-]*?)(!=|=|~)/i;

/** Splits `name=value` (the name only from unquoted text at the word's start). */
function argument(word: RscWord): RscArgument {
	const first = word.pieces[0];
	if (first?.kind !== 'text' || first.quoted) return {value: word};
	const match = argumentPattern.exec(first.text);
	if (!match) return {value: word};
	const op = match[2] as RscArgument['op'];
	const rest = first.text.slice(match[0].length);
	const pieces: RscPiece[] = rest === '' ? word.pieces.slice(1) : [{...first, text: rest}, ...word.pieces.slice(1)];
	return {name: match[1], op, value: {pieces, line: word.line}};
}

function pathParts(text: string): string[] {
	return text.split('/').filter(part => part !== '');
}

/** What a statement's words are: a section, a menu command, a script command or a block. */
function classify(words: RscWord[], line: number, written: string): RscStatement {
	const shown = written.split('\n')[0].slice(0, 60);
	const first = words[0];
	const firstText = first && literal(first);
	const only = words.length === 1 && first.pieces.length === 1 ? first.pieces[0] : undefined;
	if (only?.kind === 'block') return {kind: 'block', line, body: only.body};
	const lead = first?.pieces[0];
	if (words.length === 1 && (lead?.kind === 'variable' || lead?.kind === 'expression' || (lead?.kind === 'text' && lead.quoted))) {
		return {kind: 'value', line, word: first};
	}
	if (firstText?.startsWith(':') || (firstText !== undefined && bareScriptCommands.has(firstText))) {
		return {kind: 'script', line, name: firstText.replace(/^:/, ''), args: words.slice(1).map(argument)};
	}
	const absolute = firstText?.startsWith('/') === true;
	const path: string[] = [];
	let index = 0;
	for (; index < words.length; index++) {
		const text = literal(words[index]);
		if (text === undefined || /[=~]/.test(text) || (index > 0 && text.startsWith('/'))) break;
		const parts = pathParts(text);
		const verbAt = parts.findIndex(part => verbs.has(part));
		if (verbAt !== -1) {
			path.push(...parts.slice(0, verbAt));
			return {kind: 'command', line, absolute, path, verb: parts[verbAt], args: words.slice(index + 1).map(argument)};
		}
		if (!absolute) break;
		path.push(...parts);
	}
	if (absolute && index === words.length) return {kind: 'section', line, path};
	if (!absolute) {
		// `mangle add ...` relative to the section: menu words, then a verb.
		const relative: string[] = [];
		for (let at = 0; at < words.length; at++) {
			const text = literal(words[at]);
			if (text === undefined || /[=~"]/.test(text)) break;
			if (verbs.has(text)) {
				return {kind: 'command', line, absolute: false, path: relative, verb: text, args: words.slice(at + 1).map(argument)};
			}
			relative.push(...pathParts(text));
		}
		return {kind: 'unreadable', line, message: `unknown command "${shown}"; skipped`};
	}
	return {kind: 'unreadable', line, message: `cannot read "${shown}": expected a command after the menu`};
}

function readHeader(comment: string, script: RscScript): void {
	const generated = /^#.*\bby RouterOS\s+(\d+\.\d+(?:\.\d+)?(?:rc\d+|beta\d+)?)/i.exec(comment);
	if (generated) script.version = generated[1];
	const field = /^#\s*(software id|model)\s*=\s*(.*\S)\s*$/i.exec(comment);
	if (field && field[1].toLowerCase() === 'model') script.model = field[2];
	if (field && field[1].toLowerCase() === 'software id') script.softwareId = field[2];
}

/** The header comments: those before the first statement. */
function readHeaders(source: string, script: RscScript): void {
	for (const raw of source.split('\n')) {
		const line = raw.trim();
		if (line === '' || line.startsWith('```')) continue;
		if (!line.startsWith('#')) return;
		readHeader(line, script);
	}
}

export function parseRsc(source: string): RscScript {
	const script: RscScript = {statements: []};
	readHeaders(source, script);
	const parser = new Parser(joinContinuations(source));
	try {
		script.statements = [...parser.statements(), ...parser.unclosed];
	} catch (error) {
		if (!(error instanceof ParseError)) throw error;
		script.statements = [{kind: 'unreadable', line: parser.lineAt(), message: error.message}];
	}
	return script;
}

/** Lines the parser could not read, as warnings. */
export function unreadableLines(script: RscScript): RscWarning[] {
	const warnings: RscWarning[] = [];
	for (const statement of walk(script.statements)) {
		if (statement.kind === 'unreadable') warnings.push({line: statement.line, message: statement.message});
	}
	return warnings;
}
