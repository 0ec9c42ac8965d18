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
	/** The cell's text; `width` is the column's final width. */
	text: (row: Row, width: number) => string;
	tone?: (row: Row) => Tone | null;
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
	let spare = width - used();
	return kept.map(column => {
		if (!column.growTo || spare <= 0) return column;
		const extra = Math.min(spare, Math.max(0, column.growTo - column.width));
		spare -= extra;
		return {...column, width: column.width + extra};
	});
}
