/**
 * Reads RouterOS `/export` text (and the hand-written or copy-pasted scripts people keep in
 * .rsc files) into commands a loader can run. Never throws: whatever cannot be read becomes
 * a warning carrying its line number, and the rest of the file is still read.
 */

export interface RscCondition {
	name: string;
	/** A bare `name` in a find is `name=yes`, a bare `!name` is `name!=yes`. */
	op: '=' | '!=' | '~';
	value: string;
}

/** Which items a `set`/`remove`/... applies to: `[ find ... ]` or print numbers / ids. */
export type RscSelector =
	| {kind: 'find'; conditions: RscCondition[]}
	| {kind: 'numbers'; numbers: string[]};

export interface RscCommand {
	/** API form of the menu, e.g. `/ip/firewall/mangle`. */
	path: string;
	verb: string;
	/** `name=value` in written order; a bare flag such as `fib` or `!name` has the value ''. */
	attributes: Array<[name: string, value: string]>;
	selector?: RscSelector;
	/** 1-based line the command starts on. */
	line: number;
}

export interface RscWarning {
	line: number;
	message: string;
}

export interface RscScript {
	/** From the header, e.g. `7.18.2` in `# 2024-01-02 13:45:00 by RouterOS 7.18.2`. */
	version?: string;
	model?: string;
	softwareId?: string;
	commands: RscCommand[];
	warnings: RscWarning[];
}

const verbs = new Set([
	'add', 'set', 'remove', 'enable', 'disable', 'move', 'unset', 'comment',
	'reset-counters', 'reset-counters-all', 'print', 'export', 'find', 'get', 'edit', 'monitor',
]);

/** Verbs whose bare numbers (`set 0 ...`, `remove 1,2`) name the items they act on. */
const selectingVerbs = new Set(['set', 'remove', 'enable', 'disable', 'move', 'unset', 'comment', 'reset-counters']);

const numbersPattern = /^(?:\*[0-9A-Fa-f]+|\d+)(?:,(?:\*[0-9A-Fa-f]+|\d+))*$/;

interface LogicalLine {
	text: string;
	line: number;
}

/**
 * Joins continuation lines (a `\` at the end of a line, the next line's indentation dropped)
 * and brace blocks into one logical line each. Escapes other than line continuations are
 * kept for the tokenizer.
 */
function logicalLines(source: string, warnings: RscWarning[]): LogicalLine[] {
	const lines: LogicalLine[] = [];
	let text = '';
	let start = 1;
	let lineNo = 1;
	let inQuote = false;
	let braces = 0;
	const finish = () => {
		if (text.trim() !== '') lines.push({text, line: start});
		text = '';
		start = lineNo;
	};
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (c === '#' && !inQuote && braces === 0 && text.trim() === '') {
			const end = source.indexOf('\n', i);
			text = source.slice(i, end === -1 ? source.length : end).replace(/\r$/, '');
			i = end === -1 ? source.length : end - 1;
			continue;
		}
		if (c === '\\') {
			const rest = /^[ \t]*\r?\n[ \t]*/.exec(source.slice(i + 1, i + 200));
			if (rest) {
				i += rest[0].length;
				lineNo++;
				continue;
			}
			text += c + (source[i + 1] ?? '');
			i++;
			continue;
		}
		if (c === '"') inQuote = !inQuote;
		if (!inQuote && c === '{') braces++;
		if (!inQuote && c === '}') braces = Math.max(0, braces - 1);
		if (c === '\r' && source[i + 1] === '\n') continue;
		if (c === '\n') {
			lineNo++;
			if (inQuote) {
				warnings.push({line: start, message: 'unterminated quoted value; line skipped'});
				inQuote = false;
				braces = 0;
				text = '';
				start = lineNo;
				continue;
			}
			if (braces > 0) {
				text += '\n';
				continue;
			}
			finish();
			continue;
		}
		text += c;
	}
	if (inQuote) {
		warnings.push({line: start, message: 'unterminated quoted value; line skipped'});
		return lines;
	}
	finish();
	return lines;
}

interface Word {
	/** Text with quotes removed and escapes decoded. */
	text: string;
	/** Index in `text` of the first `=` or `~` written outside quotes, or -1. */
	op: number;
	/** Inner text of a word written as `[ ... ]`. */
	bracket?: string;
}

const letterEscapes: Record<string, string> = {
	'n': '\n', 'r': '\r', 't': '\t', 'a': '\x07', 'b': '\b', 'f': '\f', 'v': '\v', '_': ' ',
};

/** Collects decoded text; `\E2\80\94` hex escapes are bytes of one UTF-8 character. */
class TextBuilder {
	private text = '';
	private bytes: number[] = [];

	char(c: string): void {
		this.flush();
		this.text += c;
	}

	byte(value: number): void {
		this.bytes.push(value);
	}

	get length(): number {
		this.flush();
		return this.text.length;
	}

	toString(): string {
		this.flush();
		return this.text;
	}

	private flush(): void {
		if (this.bytes.length === 0) return;
		this.text += Buffer.from(this.bytes).toString('utf8');
		this.bytes = [];
	}
}

/** Index just past the `]` matching the `[` at `open`, or -1. */
function closingBracket(text: string, open: number): number {
	let depth = 0;
	let inQuote = false;
	for (let i = open; i < text.length; i++) {
		const c = text[i];
		if (c === '\\') {
			i++;
			continue;
		}
		if (c === '"') inQuote = !inQuote;
		if (inQuote) continue;
		if (c === '[') depth++;
		if (c === ']' && --depth === 0) return i + 1;
	}
	return -1;
}

function isSpace(c: string | undefined): boolean {
	return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Splits one logical line into words; a `#` starting a word ends the line. */
function tokenize(text: string, line: number, warnings: RscWarning[]): Word[] | undefined {
	const words: Word[] = [];
	let i = 0;
	while (i < text.length) {
		// A `\` followed by a space outside quotes is what is left of a continuation when a
		// web page flattened the line breaks away (the seeds are full of them): a space.
		while (i < text.length && (isSpace(text[i]) || (text[i] === '\\' && (isSpace(text[i + 1]) || i + 1 === text.length)))) i++;
		if (i >= text.length || text[i] === '#') break;
		if (text[i] === '[') {
			const end = closingBracket(text, i);
			if (end === -1) {
				warnings.push({line, message: 'unclosed "[" in command; line skipped'});
				return undefined;
			}
			words.push({text: text.slice(i, end), op: -1, bracket: text.slice(i + 1, end - 1)});
			i = end;
			continue;
		}
		const out = new TextBuilder();
		let op = -1;
		let inQuote = false;
		for (; i < text.length; i++) {
			const c = text[i];
			if (!inQuote && isSpace(c)) break;
			if (c === '"') {
				inQuote = !inQuote;
				continue;
			}
			if (c === '\\') {
				const next = text[i + 1];
				if (next === undefined || (!inQuote && isSpace(next))) break;
				const hex = text.slice(i + 1, i + 3);
				if (/^[0-9A-F]{2}$/.test(hex) || /^[0-9][0-9a-f]$/.test(hex)) {
					out.byte(Number.parseInt(hex, 16));
					i += 2;
				} else {
					out.char(letterEscapes[next] ?? next);
					i++;
				}
				continue;
			}
			if (!inQuote && c === '[' && op !== -1) {
				// A value that is itself a command, e.g. `gateway=[/ip dhcp-client get 0 gateway]`.
				const end = closingBracket(text, i);
				const stop = end === -1 ? text.length : end;
				for (const ch of text.slice(i, stop)) out.char(ch);
				i = stop - 1;
				continue;
			}
			if (!inQuote && op === -1 && (c === '=' || c === '~')) op = out.length;
			out.char(c);
		}
		if (inQuote) {
			warnings.push({line, message: 'unterminated quoted value; line skipped'});
			return undefined;
		}
		words.push({text: out.toString(), op});
	}
	return words;
}

/** `name=value`, `name!=value`, `name~regex`, `name`, `!name`; `where`/`and` are skipped. */
function readConditions(words: Word[], line: number, warnings: RscWarning[]): RscCondition[] | undefined {
	const conditions: RscCondition[] = [];
	for (const word of words) {
		if (word.op === -1 && (word.text === 'where' || word.text === 'and')) continue;
		if (word.op === -1) {
			if (!/^!?[a-z][a-z0-9-]*$/.test(word.text)) {
				warnings.push({line, message: `cannot read find condition "${word.text}"; command skipped`});
				return undefined;
			}
			const negated = word.text.startsWith('!');
			conditions.push({name: negated ? word.text.slice(1) : word.text, op: negated ? '!=' : '=', value: 'yes'});
			continue;
		}
		const opChar = word.text[word.op];
		const notEqual = opChar === '=' && word.text[word.op - 1] === '!';
		const name = word.text.slice(0, notEqual ? word.op - 1 : word.op);
		if (!/^[a-z.][a-z0-9.-]*$/.test(name)) {
			warnings.push({line, message: `cannot read find condition "${word.text}"; command skipped`});
			return undefined;
		}
		conditions.push({name, op: notEqual ? '!=' : opChar === '~' ? '~' : '=', value: word.text.slice(word.op + 1)});
	}
	return conditions;
}

/** `[ find ... ]`, `[find where ...]` or `[ /ip route find ... ]`. */
function readSelector(inner: string, line: number, warnings: RscWarning[]): RscSelector | undefined {
	const words = tokenize(inner, line, warnings);
	if (!words) return undefined;
	const find = words.findIndex(word => word.op === -1 && word.text === 'find');
	if (find === -1) {
		warnings.push({line, message: `unsupported selector "[${inner.trim()}]" (only [ find ... ]); command skipped`});
		return undefined;
	}
	const conditions = readConditions(words.slice(find + 1), line, warnings);
	return conditions && {kind: 'find', conditions};
}

function pathWords(word: string): string[] {
	return word.split('/').filter(part => part !== '');
}

function apiPath(words: string[]): string {
	return `/${words.join('/')}`;
}

/** Reads the words after the verb into attributes and a selector. */
function readArguments(
	verb: string,
	words: Word[],
	line: number,
	warnings: RscWarning[],
): Pick<RscCommand, 'attributes' | 'selector'> | undefined {
	const attributes: Array<[string, string]> = [];
	let selector: RscSelector | undefined;
	for (let index = 0; index < words.length; index++) {
		const word = words[index];
		if (word.bracket !== undefined) {
			if (selector) {
				warnings.push({line, message: 'more than one selector; command skipped'});
				return undefined;
			}
			selector = readSelector(word.bracket, line, warnings);
			if (!selector) return undefined;
			continue;
		}
		if (word.op === -1 && word.text === 'where') {
			const conditions = readConditions(words.slice(index + 1), line, warnings);
			if (!conditions) return undefined;
			selector = {kind: 'find', conditions};
			break;
		}
		if (word.op === -1 && !selector && selectingVerbs.has(verb) && numbersPattern.test(word.text)) {
			selector = {kind: 'numbers', numbers: word.text.split(',')};
			continue;
		}
		if (word.op === -1 && verb === 'move' && selector && /^\d+$/.test(word.text)) {
			attributes.push(['destination', word.text]);
			continue;
		}
		if (word.op === -1) {
			attributes.push([word.text.replace(/^!/, ''), '']);
			continue;
		}
		if (word.text[word.op] !== '=') {
			warnings.push({line, message: `cannot read "${word.text}"; command skipped`});
			return undefined;
		}
		const name = word.text.slice(0, word.op);
		const value = word.text.slice(word.op + 1);
		if (!/^[a-z.][a-z0-9.-]*$/i.test(name)) {
			warnings.push({line, message: `cannot read property "${word.text}"; command skipped`});
			return undefined;
		}
		if (name === 'numbers' && !selector && numbersPattern.test(value)) {
			selector = {kind: 'numbers', numbers: value.split(',')};
			continue;
		}
		attributes.push([name, value]);
	}
	return {attributes, selector};
}

function readHeader(comment: string, script: RscScript): void {
	const generated = /^#.*\bby RouterOS\s+(\d+\.\d+(?:\.\d+)?(?:rc\d+|beta\d+)?)/i.exec(comment);
	if (generated) script.version = generated[1];
	const field = /^#\s*(software id|model)\s*=\s*(.*\S)\s*$/i.exec(comment);
	if (field && field[1].toLowerCase() === 'model') script.model = field[2];
	if (field && field[1].toLowerCase() === 'software id') script.softwareId = field[2];
}

export function parseRsc(source: string): RscScript {
	const script: RscScript = {commands: [], warnings: []};
	const {warnings} = script;
	let section: string[] | undefined;
	for (const {text, line} of logicalLines(source, warnings)) {
		const trimmed = text.trim();
		if (trimmed.startsWith('#')) {
			if (script.commands.length === 0) readHeader(trimmed, script);
			continue;
		}
		if (/^(:|\{|if\b|do\b|foreach\b|while\b)/.test(trimmed) || (trimmed.includes('{') && !trimmed.includes('"'))) {
			warnings.push({line, message: `scripting is not supported, skipped: ${trimmed.split('\n')[0].slice(0, 60)}`});
			continue;
		}
		const words = tokenize(trimmed, line, warnings);
		if (!words || words.length === 0) continue;

		let index = 0;
		let path: string[] = [];
		let verb: string | undefined;
		if (words[0].text.startsWith('/') && words[0].op === -1) {
			// `/ip firewall mangle`, `/ip/firewall/mangle` or `/ip/firewall/mangle/add`.
			for (; index < words.length && words[index].op === -1 && words[index].bracket === undefined; index++) {
				const parts = pathWords(words[index].text);
				const verbAt = parts.findIndex(part => verbs.has(part));
				if (verbAt !== -1) {
					path.push(...parts.slice(0, verbAt));
					verb = parts[verbAt];
					index++;
					break;
				}
				path.push(...parts);
			}
			if (!verb) {
				if (index < words.length) {
					warnings.push({line, message: `cannot read "${trimmed.slice(0, 60)}": expected a command after the menu`});
					continue;
				}
				section = path;
				continue;
			}
		} else {
			// `add ...` in the current section, or `mangle add ...` relative to it.
			for (; index < words.length && words[index].op === -1 && words[index].bracket === undefined; index++) {
				if (verbs.has(words[index].text)) {
					verb = words[index].text;
					index++;
					break;
				}
				path.push(...pathWords(words[index].text));
			}
			if (!verb) {
				warnings.push({line, message: `unknown command "${trimmed.slice(0, 60)}"; skipped`});
				continue;
			}
			if (!section) {
				warnings.push({line, message: `"${verb}" outside any menu (no "/section" line before it); skipped`});
				continue;
			}
			path = [...section, ...path];
		}
		const rest = readArguments(verb, words.slice(index), line, warnings);
		if (!rest) continue;
		script.commands.push({path: apiPath(path), verb, attributes: rest.attributes, ...(rest.selector ? {selector: rest.selector} : {}), line});
	}
	warnings.sort((a, b) => a.line - b.line);
	return script;
}
