import {wrap} from './format.js';
import type {Tone} from './theme.js';

/** A table column that is dropped, lowest priority first, when the terminal is narrow. */
export interface Column<Row> {
	title: string;
	width: number;
	/** 0 is never dropped. */
	priority: number;
	align?: 'left' | 'right';
	/** Takes room left over, up to this many cells in all; grow columns share in order. */
	growTo?: number;
	/**
	 * The cell's text; `width` is the column's final width. Several forms, most exact first:
	 * the first that fits is shown, so a number is shortened (142k), never cut (141,9…).
	 */
	text: (row: Row, width: number) => string | string[];
	tone?: (row: Row) => Tone | null;
	/** A text too long for the column wraps over more lines of the row instead (see wrap). */
	wrap?: boolean;
}

/** The columns that fit `width` (one space between columns), in their original order. */
export function fitColumns<Row>(columns: Array<Column<Row>>, width: number): Array<Column<Row>> {
	const kept = [...columns];
	const used = () => kept.reduce((sum, column) => sum + column.width, 0) + Math.max(0, kept.length - 1);
	while (used() > width) {
		const droppable = kept.filter(column => column.priority > 0);
		if (droppable.length === 0) break;
		const lowest = droppable.reduce((low, column) => (column.priority > low.priority ? column : low));
		kept.splice(kept.indexOf(lowest), 1);
	}
	// Room left goes to the growing columns, the most telling (lowest priority) first, numbers
	// before names: a whole count says more than a longer name.
	let spare = width - used();
	const grown = new Map<Column<Row>, number>();
	for (const column of [...kept].sort((a, b) => a.priority - b.priority || Number(b.align === 'right') - Number(a.align === 'right'))) {
		if (!column.growTo || spare <= 0) continue;
		const extra = Math.min(spare, Math.max(0, column.growTo - column.width));
		spare -= extra;
		grown.set(column, column.width + extra);
	}
	return kept.map(column => (grown.has(column) ? {...column, width: grown.get(column)!} : column));
}

/** The first form of a cell's text that fits `width` (the last one when none does). */
export function pickForm(text: string | string[], width: number): string {
	const forms = typeof text === 'string' ? [text] : text;
	return forms.find(form => [...form].length <= width) ?? forms.at(-1) ?? '';
}

/** A cell's lines: the form that fits, or the whole text wrapped for a column that wraps. */
export function cellLines<Row>(column: Column<Row>, row: Row): string[] {
	const text = column.text(row, column.width);
	const form = pickForm(text, column.width);
	if (!column.wrap || [...form].length <= column.width) return [form];
	return wrap(form, column.width);
}

/** Lines a row takes: its tallest cell. */
export function rowHeight<Row>(columns: Array<Column<Row>>, row: Row): number {
	return Math.max(1, ...columns.map(column => cellLines(column, row).length));
}
