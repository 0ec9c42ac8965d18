import {Box, Text} from 'ink';
import {plot} from 'asciichart';
import {plotApart, seriesMark} from './chart-symbols.js';
import {seriesTail, type History, type SeriesName} from '../monitor/history.js';
import type {WanView} from '../monitor/wans.js';
import {short} from './format.js';
import {chartModes, type ChartMode} from './panes.js';
import {useTheme} from './theme.js';

const chartTitles: Record<ChartMode, string> = {
	connections: 'connections per WAN',
	throughput: 'throughput per WAN, rx+tx bit/s',
	new: 'new connections per second per WAN',
};

/** asciichart puts a whole label into one cell: a line is label + axis + the samples. */
const labelWidth = 6;

function modeSeries(history: History, wan: string, mode: ChartMode, n: number): number[] {
	if (mode === 'throughput') {
		const rx = seriesTail(history, wan, 'rxBps', n);
		const tx = seriesTail(history, wan, 'txBps', n);
		return rx.map((value, index) => value + (tx[index] ?? 0));
	}
	const name: SeriesName = mode === 'connections' ? 'connections' : 'newPerSecond';
	return seriesTail(history, wan, name, n);
}

/** asciichart has no notion of a gap: carry the last known value over unknown samples. */
function fillGaps(values: number[]): number[] {
	let last = values.find(value => !Number.isNaN(value)) ?? 0;
	return values.map(value => (Number.isNaN(value) ? last : (last = value)));
}

export function Chart({wans, history, mode, width, height}: {
	wans: WanView[];
	history: History;
	mode: ChartMode;
	width: number;
	height: number;
}) {
	const theme = useTheme();
	const plotWidth = Math.max(2, width - labelWidth - 2);
	const series = wans.map(wan => fillGaps(modeSeries(history, wan.name, mode, plotWidth)));
	const longest = Math.max(0, ...series.map(values => values.length));
	const legend = (
		<Text wrap="truncate-end">
			{wans.map((wan, index) => (
				<Text key={wan.name} color={theme.wan(index)}>
					{`${index > 0 ? '  ' : ''}${theme.color ? '━' : seriesMark(index)} ${wan.name}`}
				</Text>
			))}
			<Text dimColor>{`   ${chartTitles[mode]} (c cycles)`}</Text>
		</Text>
	);
	if (longest < 2 || height < 3) {
		return (
			<Box flexDirection="column">
				{legend}
				<Text dimColor wrap="truncate-end">collecting history…</Text>
			</Box>
		);
	}
	// Series of different lengths (a WAN that appeared later) are padded at the start.
	const aligned = series.map(values => [...new Array<number>(longest - values.length).fill(values[0] ?? 0), ...values]);
	const max = Math.max(1, ...aligned.flat());
	const config = {
		height: Math.max(1, height - 2),
		min: 0,
		max,
		offset: 2,
		colors: wans.map((_wan, index) => theme.chart(index)),
		// Connections come whole: an axis of 57.5 connections says nothing.
		format: (value: number) => short(Math.max(0, mode === 'connections' ? Math.round(value) : value)).padStart(labelWidth, ' '),
	};
	// Without colour each series draws with its own characters, as the legend shows.
	const text = theme.color ? plot(aligned, config) : plotApart(aligned, config);
	return (
		<Box flexDirection="column">
			{legend}
			{text.split('\n').map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{line}
				</Text>
			))}
		</Box>
	);
}

/** Lines a chart of a stack gets at least (ten steps of its axis): one grows until two fit. */
const stackedChartLines = 12;

/**
 * The modes a chart pane of `height` lines shows: the chosen one, then the next ones in `c`
 * order while each gets its lines, so a tall pane shows throughput and new connections under
 * the connections rather than one chart stretched tall.
 */
export function chartModesShown(mode: ChartMode, height: number): ChartMode[] {
	const count = Math.max(1, Math.min(chartModes.length, Math.floor(height / stackedChartLines)));
	const first = chartModes.indexOf(mode);
	return Array.from({length: count}, (_unused, index) => chartModes[(first + index) % chartModes.length]);
}

/** The pane's title: every chart's name where they fit `width`, else the first and how many follow. */
export function chartPaneTitle(modes: ChartMode[], width: number): string {
	const all = `Chart: ${modes.map(mode => chartTitles[mode]).join(' · ')}`;
	// The title rule puts `▶ 2 ` before it and a space after.
	if (modes.length === 1 || [...all].length + 5 <= width) return all;
	return `Chart: ${chartTitles[modes[0]]} and ${modes.length - 1} more below`;
}

/** One chart for each of `modes`, sharing `height` lines top to bottom. */
export function ChartStack({modes, height, ...chart}: {
	wans: WanView[];
	history: History;
	modes: ChartMode[];
	width: number;
	height: number;
}) {
	return (
		<Box flexDirection="column">
			{modes.map((mode, index) => {
				const lines = Math.floor(height / modes.length) + (index < height % modes.length ? 1 : 0);
				return (
					<Box key={mode} height={lines} flexDirection="column" overflowY="hidden">
						<Chart {...chart} mode={mode} height={lines} />
					</Box>
				);
			})}
		</Box>
	);
}
