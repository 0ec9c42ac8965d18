import {Box, Text} from 'ink';
import type {NetwatchProbe, RouteState} from '../pcc/types.js';
import {fit} from './format.js';
import {useTheme} from './theme.js';

/** WAN tables first (in WAN order), then main, then anything else. */
function tableOrder(wanTables: string[], table: string): number {
	const index = wanTables.indexOf(table);
	if (index !== -1) return index;
	return table === 'main' ? wanTables.length : wanTables.length + 1;
}

function routeLine(route: RouteState): string {
	return [
		fit(route.table, 8),
		fit(`d${route.distance}`, 4),
		fit(route.gateway, 16),
		fit(route.checkGateway ? `check=${route.checkGateway}` : 'no check', 11),
		fit(route.active ? 'active' : route.inactive ? 'INACTIVE' : 'standby', 8),
		route.gatewayStatus ?? '',
	].join(' ').trimEnd();
}

function probeLine(probe: NetwatchProbe): string {
	return [fit(probe.host, 16), fit(probe.status === 'down' ? 'DOWN' : probe.status, 7), probe.since ? `since ${probe.since}` : '', probe.comment ?? '']
		.filter(part => part !== '')
		.join(' ');
}

/** Lines the pane has: a heading and the routes (or a note), a heading and the probes (or a note). */
export function routesPaneLines(routes: RouteState[], netwatch: NetwatchProbe[]): number {
	return 2 + Math.max(1, routes.filter(route => !route.disabled).length) + Math.max(1, netwatch.length);
}

/** Default routes of every WAN table and main, then the netwatch probes. */
export function RoutesPane({routes, netwatch, wanTables, height, scroll}: {
	routes: RouteState[];
	netwatch: NetwatchProbe[];
	wanTables: string[];
	height: number;
	scroll: number;
}) {
	const theme = useTheme();
	const sorted = routes
		.filter(route => !route.disabled)
		.map((route, order) => ({route, order}))
		.sort((a, b) => tableOrder(wanTables, a.route.table) - tableOrder(wanTables, b.route.table) || a.route.distance - b.route.distance || a.order - b.order)
		.map(({route}) => route);
	const lines = [
		{key: 'routes', text: 'default routes', tone: undefined, bold: true},
		...sorted.map(route => ({key: route.id, text: routeLine(route), tone: route.inactive ? theme.tone('bad') : undefined, bold: false})),
		...(sorted.length === 0 ? [{key: 'no-routes', text: 'no default route in any table', tone: theme.tone('bad'), bold: false}] : []),
		{key: 'netwatch', text: 'netwatch', tone: undefined, bold: true},
		...netwatch.map(probe => ({key: `nw-${probe.host}`, text: probeLine(probe), tone: probe.status === 'down' ? theme.tone('bad') : undefined, bold: false})),
		...(netwatch.length === 0 ? [{key: 'no-netwatch', text: 'no netwatch probes', tone: undefined, bold: false}] : []),
	];
	const first = Math.max(0, Math.min(scroll, lines.length - height));
	return (
		<Box flexDirection="column">
			{lines.slice(first, first + height).map(line => (
				<Text key={line.key} color={line.tone} bold={line.bold} wrap="truncate-end">
					{line.text}
				</Text>
			))}
		</Box>
	);
}
