/** The bench's printed tables: Markdown, so a run can go into the README as it is. */

export type Verdict = 'met' | 'missed' | 'info';

export interface Figure {
	figure: string;
	pccmon: string;
	/** The naive or sequential way, or a full-frame redraw: the same figure done the obvious way. */
	naive: string;
	target: string;
	verdict: Verdict;
	command: string;
}

export interface GrowthRow {
	figure: string;
	/** One cell per table size, in the order of the header. */
	values: string[];
	/** Largest size against smallest, e.g. `×1.02`. */
	factor: string;
}

const verdictText: Record<Verdict, string> = {met: 'yes', missed: '**NO**', info: ''};

/** A Markdown table with columns padded to line up in a terminal too. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
	const cell = (text: string) => text.replaceAll('|', '\\|');
	const all = [header, ...rows].map(row => row.map(cell));
	const widths = header.map((_, column) => Math.max(3, ...all.map(row => [...(row[column] ?? '')].length)));
	const line = (row: readonly string[]) =>
		`| ${row.map((text, column) => text + ' '.repeat(widths[column] - [...text].length)).join(' | ')} |`;
	return [line(all[0]), line(widths.map(width => '-'.repeat(width))), ...all.slice(1).map(line)].join('\n');
}

export function figuresTable(figures: readonly Figure[]): string {
	return markdownTable(
		['Figure', 'pccmon', 'Naive / sequential / full redraw', 'Target', 'Met', 'Reproduce'],
		figures.map(figure => [figure.figure, figure.pccmon, figure.naive, figure.target, verdictText[figure.verdict], `\`${figure.command}\``]),
	);
}

export function growthTable(sizes: readonly string[], rows: readonly GrowthRow[]): string {
	return markdownTable(
		['Figure', ...sizes, `${sizes.at(-1) ?? ''} / ${sizes[0] ?? ''}`],
		rows.map(row => [row.figure, ...row.values, row.factor]),
	);
}

/** Met when every check holds; `info` when there is nothing to check. */
export function verdict(...checks: boolean[]): Verdict {
	if (checks.length === 0) return 'info';
	return checks.every(Boolean) ? 'met' : 'missed';
}
