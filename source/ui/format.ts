import {wholeShares} from '../pcc/shares.js';
import {groupThousands} from '../pcc/thousands.js';
import {screenTime} from '../time-text.js';

const ellipsis = '…';

/**
 * Cells a text takes, counting code points: what pccmon prints is ASCII plus one-cell symbols.
 * A router's wide (CJK) names may come out short; Ink's truncation still keeps lines intact.
 */
function cells(text: string): number {
	return [...text].length;
}

/** Cuts `text` to `width` cells (with … when cut) and pads it to exactly `width`. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	let out = text;
	if (cells(out) > width) out = [...out].slice(0, width - 1).join('') + ellipsis;
	const pad = ' '.repeat(Math.max(0, width - cells(out)));
	return align === 'left' ? out + pad : pad + out;
}

/** A pane's title line: `label`, then a rule to exactly `width` cells (… only if the label is longer). */
export function titleRule(label: string, width: number): string {
	return fit(label + '─'.repeat(Math.max(0, width - cells(label))), width);
}

/** Cuts `text` to at most `width` cells without padding. */
export function clip(text: string, width: number): string {
	return cells(text) <= width ? text : fit(text, width);
}

export function count(value: number | null | undefined): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '–';
	return groupThousands(value);
}

/** 1234567 → 1.2M; for tight columns. */
export function short(value: number | bigint | null | undefined, unit = ''): string {
	if (value === null || value === undefined) return '–';
	const n = Number(value);
	if (Number.isNaN(n)) return '–';
	const steps: Array<[number, string]> = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
	for (const [size, suffix] of steps) {
		if (Math.abs(n) >= size) {
			const scaled = n / size;
			return `${scaled >= 100 ? scaled.toFixed(0) : scaled.toFixed(1)}${suffix}${unit}`;
		}
	}
	return `${n >= 100 || Number.isInteger(n) ? n.toFixed(0) : n.toFixed(1)}${unit}`;
}

/**
 * Each name shortened to at most `width` cells so that they stay told apart: cut at the end
 * when that keeps them distinct (`wan2_…`), else the middle gives way (`to_W…1`, `to_W…2`).
 */
export function shortNames(names: string[], width: number): Map<string, string> {
	const distinct = (shortened: string[]) => new Set(shortened).size === new Set(names).size;
	const cut = (tail: number) => names.map(name => {
		if (cells(name) <= width) return name;
		const chars = [...name];
		return tail === 0 ? fit(name, width) : chars.slice(0, Math.max(0, width - 1 - tail)).join('') + ellipsis + chars.slice(-tail).join('');
	});
	for (let tail = 0; tail < width - 1; tail++) {
		const shortened = cut(tail);
		if (distinct(shortened)) return new Map(names.map((name, index) => [name, shortened[index]]));
	}
	return new Map(names.map((name, index) => [name, cut(0)[index]]));
}

/** `0,1,2,3,4/10` and the shorter ways to say it: `0-4/10` when they run on, `5 of 10`. */
export function bucketForms(buckets: string): string[] {
	const match = /^([\d,]+)\/(\S+)$/.exec(buckets);
	if (!match) return [buckets];
	const remainders = match[1].split(',').map(Number);
	const forms = [buckets];
	const [low, high] = [Math.min(...remainders), Math.max(...remainders)];
	if (remainders.length > 2 && high - low + 1 === remainders.length) forms.push(`${low}-${high}/${match[2]}`);
	forms.push(`${remainders.length} of ${match[2]}`);
	return forms;
}

/** A per-second rate, one rule for decimals: one below 10, none from 10 (`0.5`, `3.0`, `16`, `1.2k`). */
export function rate(value: number | null | undefined): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '–';
	return Math.abs(value) < 10 ? value.toFixed(1) : short(Math.round(value));
}

export function percent(value: number | null | undefined): string {
	if (value === null || value === undefined) return '–';
	return `${Math.round(value * 100)}%`;
}

/**
 * Shares of one whole (0..1) as percentages with `decimals`, rounded together so that they add
 * up to 100 % (`48%` `52%`, never `48%` `53%`); `–` for an unknown share.
 */
export function percents(shares: ReadonlyArray<number | null>, decimals = 0): string[] {
	const scale = 10 ** decimals;
	const whole = wholeShares(shares.map(share => share ?? 0), 100 * scale);
	return shares.map((share, index) => (share === null ? '–' : `${(whole[index] / scale).toFixed(decimals)}%`));
}

/** Seconds as `4s`, `3m05s`, `2h10m`. */
export function age(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
	return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** ` (at 21:37:41)` after an action's result: when the router changed; nothing when not known. */
export function changedAt(at: number | undefined, now = Date.now()): string {
	return at === undefined ? '' : ` (at ${screenTime(at, now)})`;
}

export function intervalText(ms: number): string {
	return `${Number((ms / 1000).toFixed(1))}s`;
}

const bars = '▁▂▃▄▅▆▇█';

/** The last `width` values as block characters scaled to their own range; gaps as spaces. */
export function sparkline(values: number[], width: number): string {
	const tail = values.slice(-width);
	const known = tail.filter(value => !Number.isNaN(value));
	if (known.length === 0) return ' '.repeat(width);
	const min = Math.min(...known);
	const max = Math.max(...known);
	const line = tail
		.map(value => {
			if (Number.isNaN(value)) return ' ';
			if (max === min) return bars[0];
			return bars[Math.round(((value - min) / (max - min)) * (bars.length - 1))];
		})
		.join('');
	return line.padStart(width, ' ');
}

/**
 * Word-wraps `text` into lines of at most `width` cells. A word longer than a line is broken
 * over lines, never cut: after its last `→`, `=` or `/` that fits, else at the line's end.
 */
export function wrap(text: string, width: number): string[] {
	if (width <= 0) return [];
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(part => part !== '')) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if (cells(candidate) <= width) {
			line = candidate;
			continue;
		}
		if (line !== '') lines.push(line);
		let rest = [...word];
		while (rest.length > width) {
			const soft = Math.max(...['→', '=', '/'].map(mark => rest.lastIndexOf(mark, width - 1)));
			const cut = soft > 0 ? soft + 1 : width;
			lines.push(rest.slice(0, cut).join(''));
			rest = rest.slice(cut);
		}
		line = rest.join('');
	}
	if (line !== '') lines.push(line);
	return lines;
}
