import {allNarrow} from './ink-caches/narrow.js';

/**
 * A screen line as terminal cells: one character and one style per column. The style is a
 * canonical SGR parameter list (`1;32`), '' for the terminal's default, so two cells look
 * the same exactly when their entries are equal. Null for a line with a character that is
 * not one column wide (or an escape other than SGR): such a line is written whole.
 */
export interface Cells {
	chars: string[];
	styles: string[];
}

/** An SGR attribute and the parameter that turns it off. */
const attributes = ['intensity', 'italic', 'underline', 'inverse', 'strike', 'fg', 'bg'] as const;
type Attribute = (typeof attributes)[number];
type Pen = Record<Attribute, string>;
const off: Pen = {intensity: '22', italic: '23', underline: '24', inverse: '27', strike: '29', fg: '39', bg: '49'};
const plain = (): Pen => ({intensity: '', italic: '', underline: '', inverse: '', strike: '', fg: '', bg: ''});

function applySgr(pen: Pen, parameters: string): void {
	const values = parameters === '' ? ['0'] : parameters.split(';');
	for (let index = 0; index < values.length; index++) {
		const code = Number(values[index]);
		if (code === 0) Object.assign(pen, plain());
		else if (code === 1 || code === 2) pen.intensity = pen.intensity === '' || pen.intensity === String(code) ? String(code) : '1;2';
		else if (code === 22) pen.intensity = '';
		else if (code === 3 || code === 23) pen.italic = code === 3 ? '3' : '';
		else if (code === 4 || code === 24) pen.underline = code === 4 ? '4' : '';
		else if (code === 7 || code === 27) pen.inverse = code === 7 ? '7' : '';
		else if (code === 9 || code === 29) pen.strike = code === 9 ? '9' : '';
		else if (code === 38 || code === 48) {
			// 38;5;N or 38;2;R;G;B: the colour takes the parameters after it.
			const take = values[index + 1] === '5' ? 2 : values[index + 1] === '2' ? 4 : 0;
			const colour = values.slice(index, index + 1 + take).join(';');
			index += take;
			if (code === 38) pen.fg = colour;
			else pen.bg = colour;
		} else if (code === 39) pen.fg = '';
		else if (code === 49) pen.bg = '';
		else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) pen.fg = String(code);
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) pen.bg = String(code);
	}
}

function styleOf(pen: Pen): string {
	return attributes.map(name => pen[name]).filter(value => value !== '').join(';');
}

/** The style (canonical, as in Cells) after SGR `parameters` are applied to `style`. */
export function nextStyle(style: string, parameters: string): string {
	const pen = plain();
	applySgr(pen, style);
	applySgr(pen, parameters);
	return styleOf(pen);
}

const escape = /\u001B\[([\d;]*)m/y;

export function toCells(line: string): Cells | null {
	const chars: string[] = [];
	const styles: string[] = [];
	const pen = plain();
	let style = '';
	let index = 0;
	while (index < line.length) {
		if (line.charCodeAt(index) === 0x1b) {
			escape.lastIndex = index;
			const match = escape.exec(line);
			if (!match) return null;
			applySgr(pen, match[1]);
			style = styleOf(pen);
			index = escape.lastIndex;
			continue;
		}
		if (!allNarrow(line, index, index + 1)) return null;
		chars.push(line[index]);
		styles.push(style);
		index++;
	}
	return {chars, styles};
}

/** Parameters that take the terminal from one style to another: the changed ones, or a reset. */
function transition(from: string, to: string): string {
	const reset = to === '' ? '0' : `0;${to}`;
	if (from === '') return to;
	const before = plain();
	const after = plain();
	applySgr(before, from);
	applySgr(after, to);
	const changes: string[] = [];
	for (const name of attributes) {
		if (before[name] === after[name]) continue;
		// Bold to dim has to go through normal intensity.
		if (after[name] === '' || (name === 'intensity' && before[name] !== '')) changes.push(off[name]);
		if (after[name] !== '') changes.push(after[name]);
	}
	const changed = changes.join(';');
	return changed.length < reset.length ? changed : reset;
}

/** Where the terminal's cursor and pen are while an update is written. */
export interface Cursor {
	row: number;
	column: number;
	style: string;
}

/** Cells between two changes rewritten rather than jumped over: a jump costs about as much. */
const mergeGap = 4;
const blank = ' ';

/**
 * What takes row `row` (0-based) from `before` to `after` on a terminal without autowrap:
 * each run of changed cells at its column, blank ends erased. `before` null: the row holds
 * something unknown (or wider characters), so it is erased first. Moves `cursor` along.
 */
export function rowUpdate(row: number, before: Cells | null, after: Cells, cursor: Cursor): string {
	const length = Math.max(before?.chars.length ?? 0, after.chars.length);
	let end = after.chars.length;
	while (end > 0 && after.chars[end - 1] === blank && after.styles[end - 1] === '') end--;
	let out = '';
	const moveTo = (column: number) => {
		if (cursor.row === row && cursor.column === column) return;
		const forward = column - cursor.column;
		const relative = cursor.row === row && forward > 0 ? `\u001B[${forward === 1 ? '' : forward}C` : undefined;
		const absolute = column === 0 ? `\u001B[${row + 1}H` : `\u001B[${row + 1};${column + 1}H`;
		out += relative !== undefined && relative.length < absolute.length ? relative : absolute;
		cursor.row = row;
		cursor.column = column;
	};
	const pen = (style: string) => {
		if (cursor.style === style) return;
		out += `\u001B[${transition(cursor.style, style)}m`;
		cursor.style = style;
	};
	if (before === null) {
		moveTo(0);
		pen('');
		out += '\u001B[2K';
	}
	const differs = (column: number) => before === null
		? column < end
		: (before.chars[column] ?? blank) !== (after.chars[column] ?? blank) || (before.styles[column] ?? '') !== (after.styles[column] ?? '');
	let column = 0;
	while (column < end) {
		if (!differs(column)) {
			column++;
			continue;
		}
		// A run: changed cells, and unchanged ones between changes close enough to write through.
		let stop = column + 1;
		for (let next = stop; next < end && next < stop + mergeGap + 1; next++) {
			if (differs(next)) stop = next + 1;
		}
		moveTo(column);
		for (let cell = column; cell < stop; cell++) {
			pen(after.styles[cell]);
			out += after.chars[cell];
		}
		cursor.column = stop;
		column = stop;
	}
	if (before !== null) {
		for (let tail = end; tail < length; tail++) {
			if (!differs(tail)) continue;
			moveTo(tail);
			pen('');
			out += '\u001B[K';
			break;
		}
	}
	return out;
}
