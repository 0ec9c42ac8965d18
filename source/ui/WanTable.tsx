import {Box, Text} from 'ink';
import type {History} from '../monitor/history.js';
import {seriesTail} from '../monitor/history.js';
import type {StuckCount} from '../monitor/state.js';
import type {WanView} from '../monitor/wans.js';
import {screenTime} from '../time-text.js';
import {fitColumns, type Column} from './columns.js';
import {bucketForms, count, percent, percents, rate, short, shortNames, sparkline} from './format.js';
import {TableHeader, TableRow} from './TableRow.js';
import {useTheme} from './theme.js';

function skewMarker(wan: WanView): string {
	if (wan.skew === null) return '';
	return wan.skew > 0 ? ' ▲' : ' ▼';
}

function gatewayText(wan: WanView): string {
	const mark = wan.gatewayState === 'reachable' ? '✓' : wan.gatewayState === 'unreachable' ? '✗' : '?';
	return `${mark}${wan.gateway}`;
}

const netwatchText: Record<WanView['netwatch'], string> = {none: '–', down: 'DOWN', up: 'up', unknown: '?'};

/**
 * At 80 columns everything but the trend fits; narrower, the least telling columns go first.
 * No number is cut: a count too wide is shortened (465k), buckets say `0-4/10` or `5 of 10`
 * (the column widens for that, and a less telling column gives way), names stay distinct.
 */
function wanColumns(history: History, wans: WanView[]): Array<Column<WanView>> {
	const bucketWidth = Math.max(6, ...wans.map(wan => Math.min(...bucketForms(wan.buckets).map(form => [...form].length))));
	const actual = percents(wans.map(wan => wan.actualShare));
	return [
		{title: 'WAN', width: 6, priority: 0, growTo: 14, text: (wan, width) => shortNames(wans.map(each => each.name), width).get(wan.name) ?? wan.name},
		{title: 'BUCKET', width: bucketWidth, priority: 3, growTo: Math.max(bucketWidth, ...wans.map(wan => [...wan.buckets].length)), text: wan => bucketForms(wan.buckets)},
		{title: 'CFG', width: 4, priority: 2, align: 'right', text: wan => percent(wan.share)},
		// 464,612 does not fit six cells: 465k says more than 464,6… would.
		{title: 'CONNS', width: 6, priority: 0, growTo: 8, align: 'right', text: wan => [count(wan.connections), short(wan.connections)]},
		{
			title: 'ACTUAL',
			width: 6,
			priority: 0,
			align: 'right',
			text: wan => actual[wans.indexOf(wan)] + skewMarker(wan),
			tone: wan => (wan.skew === null ? null : 'warn'),
		},
		{title: 'NEW/s', width: 5, priority: 1, align: 'right', text: wan => rate(wan.newPerSecond)},
		{title: 'RX/TX b/s', width: 11, priority: 2, text: wan => `${short(wan.rxBps)}/${short(wan.txBps)}`},
		{title: 'GATEWAY', width: 16, priority: 1, growTo: 20, text: gatewayText, tone: wan => (wan.gatewayState === 'unreachable' ? 'bad' : null)},
		{title: 'ROUTE', width: 5, priority: 0, text: wan => (wan.routeActive ? 'up' : 'DOWN'), tone: wan => (wan.routeActive ? 'good' : 'bad')},
		{
			title: 'NETW',
			width: 4,
			priority: 2,
			text: wan => netwatchText[wan.netwatch],
			tone: wan => (wan.netwatch === 'down' ? 'bad' : null),
		},
		{
			title: 'CONNS TREND',
			width: 12,
			priority: 4,
			growTo: 60,
			text: (wan, width) => sparkline(seriesTail(history, wan.name, 'connections', width), width),
		},
	];
}

/** Lines the table needs: a header, a row per WAN and a note under each WAN with stuck connections. */
export function wanTableLines(wans: WanView[]): number {
	return 1 + wans.length + wans.filter(wan => wan.stuck > 0).length;
}

/**
 * Not "stuck": a count-only query per mark cannot tell which of them were masqueraded to
 * the dead uplink's address (those are stuck) from those that left through another WAN
 * and still work; the flush dialog's stuck scope counts those exactly, on demand. Once it
 * has, the note says what it found, and offers no flush when none were stuck: the dialog
 * would find nothing to do. The longest wording that fits the width, never a cut one.
 */
function stuckNote(wan: WanView, counted: StuckCount | null, canFlush: boolean, width: number, now: number): string {
	const carry = [`${count(wan.stuck)} connections carry ${wan.name}'s mark, its route is down`, `${count(wan.stuck)} carry ${wan.name}'s mark, route down`];
	const tail = counted === null
		? [canFlush ? ' — f flushes' : '']
		: counted.stuck === 0
			? [`; none stuck at ${screenTime(counted.at, now)}`, '; none stuck']
			: [`; ${count(counted.stuck)} stuck at ${screenTime(counted.at, now)}${canFlush ? ' — f flushes them' : ''}`, `; ${count(counted.stuck)} stuck${canFlush ? ' — f flushes' : ''}`];
	const forms = carry.flatMap(head => tail.map(end => `  ⚠ ${head}${end}`));
	return forms.find(form => form.length <= width) ?? forms.at(-1)!;
}

/** The heart of the screen: one row per WAN, the selected one highlighted. */
export function WanTable({wans, history, selected, width, height, canFlush, stale, read, now, stuckCounts}: {
	wans: WanView[];
	/** Whether the router has been read yet: no WANs before that is not no PCC. */
	read: boolean;
	history: History;
	selected: number;
	width: number;
	height: number;
	canFlush: boolean;
	stale: boolean;
	/** For the times the notes give. */
	now: number;
	/** What the flush dialog counted of WANs whose route is down (MonitorState.stuckCounts). */
	stuckCounts: Readonly<Record<string, StuckCount>>;
}) {
	const theme = useTheme();
	const columns = fitColumns(wanColumns(history, wans), width - 2);
	if (wans.length === 0) {
		return (
			<Box height={height} flexDirection="column">
				<Text dimColor wrap="truncate-end">{read ? 'no PCC on this router: nothing marks connections by classifier (routes and netwatch are in pane 4)' : 'no data yet'}</Text>
			</Box>
		);
	}
	const lines = wans.flatMap((wan, index) => {
		const row = (
			<Box key={wan.name}>
				<Text color={theme.wan(index)}>{index === selected ? '› ' : '  '}</Text>
				<TableRow columns={columns} row={wan} inverse={index === selected} dim={stale} />
			</Box>
		);
		if (wan.stuck === 0) return [{key: wan.name, wanIndex: index, node: row}];
		const note = (
			<Text key={`${wan.name}-stuck`} color={theme.tone('bad')} bold wrap="truncate-end">
				{stuckNote(wan, stuckCounts[wan.name] ?? null, canFlush, width, now)}
			</Text>
		);
		return [{key: wan.name, wanIndex: index, node: row}, {key: `${wan.name}-stuck`, wanIndex: index, node: note}];
	});
	// When short of room, keep the selected WAN in view.
	const room = Math.max(1, height - 1);
	const selectedLine = lines.findIndex(line => line.wanIndex === selected);
	const first = Math.max(0, Math.min(selectedLine - room + 2, lines.length - room));
	return (
		<Box flexDirection="column" height={height} overflowY="hidden" width={width}>
			<Box>
				<Text>{'  '}</Text>
				<TableHeader columns={columns} />
			</Box>
			{lines.slice(first, first + room).map(line => line.node)}
		</Box>
	);
}
