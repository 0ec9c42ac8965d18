import {plot, type PlotConfig} from 'asciichart';

type Symbols = NonNullable<PlotConfig['symbols']>;

/**
 * Line characters per series for a chart without colour: asciichart's own, heavy, double,
 * then dotted ones. The axis characters (the first two) are the same in every set.
 */
const symbolSets: Symbols[] = [
	['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
	['┼', '┤', '╺', '╸', '━', '┗', '┏', '┓', '┛', '┃'],
	['┼', '┤', '═', '═', '═', '╚', '╔', '╗', '╝', '║'],
	['┼', '┤', '┄', '┄', '┄', '└', '┌', '┐', '┘', '┆'],
	['┼', '┤', '·', '·', '·', '·', '·', '·', '·', '·'],
	['┼', '┤', '+', '+', '+', '+', '+', '+', '+', '+'],
];

/** The character the legend shows for series `index` when there is no colour. */
export function seriesMark(index: number): string {
	return symbolSets[index % symbolSets.length][4];
}

/**
 * asciichart draws every series with one set of characters, told apart only by colour. Each
 * series is plotted alone with its own set and the plots laid over each other: the axis
 * and its labels are the same in each, and where two lines cross the first series shows.
 */
export function plotApart(series: number[][], config: PlotConfig): string {
	const layers = series.map((values, index) => plot(values, {...config, colors: undefined, symbols: symbolSets[index % symbolSets.length]}).split('\n').map(line => [...line]));
	const [first, ...rest] = layers;
	if (!first) return '';
	return first
		.map((cells, row) => {
			const merged = [...cells];
			for (const layer of rest) {
				(layer[row] ?? []).forEach((cell, column) => {
					if (merged[column] === undefined || merged[column] === ' ') merged[column] = cell;
				});
			}
			return merged.join('');
		})
		.join('\n');
}
