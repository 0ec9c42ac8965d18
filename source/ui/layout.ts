import type {PaneName} from './panes.js';

export interface PaneBox {
	pane: PaneName;
	width: number;
	height: number;
}

export interface Layout {
	/** Lines the whole screen uses: one less than the terminal, see `screenHeight`. */
	height: number;
	width: number;
	/** Lines for the WAN table (header, rows, stuck notes); it may scroll when short. */
	wanLines: number;
	direction: 'row' | 'column';
	panes: PaneBox[];
}

export const headerLines = 2;
export const hintLines = 1;

/**
 * Ink clears the whole terminal on every frame once the output is as tall as the terminal;
 * one line less keeps it on its line-diffing path, which is what keeps SSH traffic low.
 */
function screenHeight(rows: number): number {
	return Math.max(1, rows - 1);
}

/** Below this the lower area shows one pane; above, a second one joins it. */
const stackedMinimum = 24;
const sideBySideColumns = 140;

/** Which panes go where for a terminal size, a WAN table size and the focused pane. */
export function computeLayout(columns: number, rows: number, wantedWanLines: number, focus: PaneName): Layout {
	const height = screenHeight(rows);
	const width = Math.max(20, columns);
	// The WAN table is the heart: it keeps at least header + 2 rows, and leaves 5 lines below.
	const wanLines = Math.max(Math.min(wantedWanLines, 3), Math.min(wantedWanLines, height - headerLines - hintLines - 5));
	const body = Math.max(0, height - headerLines - hintLines - wanLines);
	const primary: PaneName = focus === 'wans' ? 'chart' : focus;
	const secondary: PaneName = primary === 'events' ? 'chart' : 'events';
	if (body < 3) return {height, width, wanLines, direction: 'column', panes: []};
	if (width >= sideBySideColumns && body >= 8) {
		const left = Math.floor(width * 0.6);
		return {
			height,
			width,
			wanLines,
			direction: 'row',
			panes: [
				{pane: primary, width: left, height: body},
				{pane: secondary, width: width - left - 1, height: body},
			],
		};
	}
	if (body >= stackedMinimum) {
		const top = Math.ceil(body * 0.55);
		return {
			height,
			width,
			wanLines,
			direction: 'column',
			panes: [
				{pane: primary, width, height: top},
				{pane: secondary, width, height: body - top},
			],
		};
	}
	return {height, width, wanLines, direction: 'column', panes: [{pane: primary, width, height: body}]};
}
