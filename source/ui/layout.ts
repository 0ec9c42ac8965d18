import type {PaneName} from './panes.js';

export interface PaneBox {
	pane: PaneName;
	width: number;
	height: number;
}

/** A column of panes stacked top to bottom. */
export interface PaneColumn {
	width: number;
	panes: PaneBox[];
}

export interface Layout {
	/** Lines the whole screen uses: one less than the terminal, see `screenHeight`. */
	height: number;
	width: number;
	/** Lines above the WAN table: the header and, when the link is in trouble, why. */
	headerLines: number;
	/** Lines for the WAN table (header, rows, stuck notes); it may scroll when short. */
	wanLines: number;
	/** Lines below the panes: the hint line, or a message wrapped over a few lines. */
	hintLines: number;
	/** One column, or two side by side on a wide terminal. */
	columns: PaneColumn[];
}

/** How the screen's parts would like to be sized. */
export interface LayoutNeeds {
	columns: number;
	rows: number;
	/** Lines of the header, and of the message at the bottom. */
	headerLines: number;
	hintLines: number;
	/** Lines the WAN table needs, see wanTableLines. */
	wanLines: number;
	focus: PaneName;
	/**
	 * Lines each pane's content has (title not counted), or has at a width when that matters
	 * (wrapped text); the chart and events take any room.
	 */
	content: Partial<Record<PaneName, number | ((width: number) => number)>>;
	/** Panes worth a place without being focused, besides the chart and the events. */
	extra: PaneName[];
}

/**
 * Ink clears the whole terminal on every frame once the output is as tall as the terminal;
 * one line less keeps it on its line-diffing path, which is what keeps SSH traffic low.
 */
function screenHeight(rows: number): number {
	return Math.max(1, rows - 1);
}

const twoColumnsFrom = 140;
/** Lines the chart grows to before the tables grow past their first look, and after. */
const chartReadable = 10;
const chartComfortable = 16;
/** Lines a table pane gets before the chart grows comfortable. */
const firstLook = 10;
/** Lines a pane needs to be worth showing, title included. */
const minimum: Record<PaneName, number> = {wans: 0, chart: 8, events: 4, mangle: 4, routes: 4, problems: 4};
/** The wide left column holds the tables that need width. */
const prefersLeft = new Set<PaneName>(['chart', 'mangle']);

interface Slot {
	pane: PaneName;
	height: number;
	wanted: number;
}

/**
 * Heights for the panes of one column: each has its minimum; the room left goes first to a
 * readable chart and a first look at each table, then to a comfortable chart, then to
 * whatever each pane holds, and what is still left to the events (or the chart, or the last).
 */
function fill(slots: Slot[], height: number): void {
	let spare = height - slots.reduce((sum, slot) => sum + slot.height, 0);
	const give = (slot: Slot | undefined, upTo: number) => {
		if (!slot || spare <= 0) return;
		const extra = Math.max(0, Math.min(spare, upTo - slot.height));
		slot.height += extra;
		spare -= extra;
	};
	const chart = slots.find(slot => slot.pane === 'chart');
	const events = slots.find(slot => slot.pane === 'events');
	const tables = slots.filter(slot => slot !== chart && slot !== events);
	give(chart, chartReadable);
	for (const slot of tables) give(slot, Math.min(slot.wanted, firstLook));
	give(chart, chartComfortable);
	give(events, events?.wanted ?? 0);
	for (const slot of tables) give(slot, slot.wanted);
	give(events, Number.POSITIVE_INFINITY);
	give(chart ?? slots.at(-1), Number.POSITIVE_INFINITY);
}

/** Lines of content a column leaves unshown, weighed by what they cost: a cut table the most. */
function shortfall(stack: Slot[]): number {
	return stack.reduce((sum, slot) => {
		if (slot.pane === 'chart') return sum + Math.max(0, chartComfortable - slot.height);
		// Older events scroll off: only a first look at them counts.
		if (slot.pane === 'events') return sum + Math.max(0, Math.min(slot.wanted, firstLook) - slot.height);
		return sum + 3 * Math.max(0, slot.wanted - slot.height);
	}, 0);
}

/**
 * Two filled columns for the shown panes (in the order given): the chart and the mangle table
 * stay on the wide left, each other pane stands where the least is left unshown (shortfall),
 * at a tie where it was placed. So a crowded right column hands a table to the left, whose
 * room would otherwise all go to the chart. Null when no split leaves both columns in use.
 */
function arrange(shown: PaneName[], placedRight: Set<PaneName>, slot: (pane: PaneName, column: number) => Slot, body: number): Slot[][] | null {
	const movable = shown.filter(pane => !prefersLeft.has(pane));
	let best: {stacks: Slot[][]; score: number} | null = null;
	for (let mask = 0; mask < 1 << movable.length; mask++) {
		const column = (pane: PaneName) => (prefersLeft.has(pane) ? 0 : (mask >> movable.indexOf(pane)) & 1);
		const stacks = [0, 1].map(index => shown.filter(pane => column(pane) === index).map(pane => slot(pane, index)));
		if (stacks.some(stack => stack.length === 0 || used(stack) > body)) continue;
		for (const stack of stacks) fill(stack, body);
		const moved = shown.filter(pane => column(pane) !== (placedRight.has(pane) ? 1 : 0)).length;
		const score = shortfall(stacks[0]) + shortfall(stacks[1]) + moved / 10;
		if (!best || score < best.score) best = {stacks, score};
	}
	return best?.stacks ?? null;
}

function used(stack: Slot[]): number {
	return stack.reduce((sum, each) => sum + each.height, 0);
}

/**
 * Which panes go where for a terminal size. The panes are shown by importance (the focused
 * one, the chart, the events, then the `extra` ones) as long as each gets its minimum; only
 * then does the room left make them taller (see fill). At 140 columns and more the panes
 * stand in two columns, arranged so that the tables are cut the least (see arrange).
 */
export function computeLayout(needs: LayoutNeeds): Layout {
	const height = screenHeight(needs.rows);
	const width = Math.max(20, needs.columns);
	const fixed = needs.headerLines + needs.hintLines;
	// The WAN table is the heart: it keeps at least header + 2 rows, and leaves 5 lines below.
	const wanLines = Math.max(Math.min(needs.wanLines, 3), Math.min(needs.wanLines, height - fixed - 5));
	const body = Math.max(0, height - fixed - wanLines);
	const base = {height, width, headerLines: needs.headerLines, hintLines: needs.hintLines, wanLines};
	if (body < 3) return {...base, columns: []};

	const order: PaneName[] = ['chart', 'events', ...needs.extra];
	const focused: PaneName = needs.focus === 'wans' ? 'chart' : needs.focus;
	const two = width >= twoColumnsFrom && body >= 8;
	const leftWidth = two ? Math.floor(width * 0.6) : width;
	const widths = [leftWidth, width - leftWidth - 1];
	// A pane's content is measured at the width of the column it stands in.
	const wanted = (pane: PaneName, column: number) => {
		const content = needs.content[pane] ?? 0;
		return 1 + (typeof content === 'number' ? content : content(widths[column]));
	};
	const least = (pane: PaneName, column: number) => {
		// The focused pane is there to be read (and scrolled): it gets what it holds.
		if (pane === focused && pane !== 'chart') return wanted(pane, column);
		return pane === 'chart' ? minimum.chart : Math.min(minimum[pane], wanted(pane, column));
	};
	const slot = (pane: PaneName, column: number): Slot => ({pane, height: Math.min(least(pane, column), body), wanted: wanted(pane, column)});
	const stacks: Slot[][] = two ? [[], []] : [[]];
	const shown: PaneName[] = [];
	const place = (pane: PaneName, first: boolean): boolean => {
		const preferred = two && !prefersLeft.has(pane) ? 1 : 0;
		for (const index of [preferred, 1 - preferred].slice(0, stacks.length)) {
			const candidate = slot(pane, index);
			if (first || used(stacks[index]) + candidate.height <= body) {
				stacks[index].push(candidate);
				shown.push(pane);
				return true;
			}
		}
		return false;
	};
	// The focused pane is always shown, where it would stand anyway, or first.
	for (const pane of order) place(pane, false);
	if (!shown.includes(focused)) {
		for (const stack of stacks) stack.length = 0;
		shown.length = 0;
		place(focused, true);
		for (const pane of order) if (pane !== focused) place(pane, false);
	}
	const arranged = two ? arrange(shown, new Set(stacks[1].map(each => each.pane)), slot, body) : null;
	const columns = arranged ?? stacks.filter(stack => stack.length > 0);
	if (!arranged) for (const stack of columns) fill(stack, body);
	const columnWidth = (index: number) => (columns.length === 2 ? widths[index] : width);
	return {
		...base,
		columns: columns.map((stack, index) => ({
			width: columnWidth(index),
			panes: stack.map(each => ({pane: each.pane, width: columnWidth(index), height: each.height})),
		})),
	};
}
