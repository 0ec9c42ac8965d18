import {test} from 'node:test';
import assert from 'node:assert/strict';
import {liveWans} from '../../source/pcc/live.js';
import {onceDocument, renderReport} from '../../source/ui/report.js';
import {advance, config, snapshot, topology} from '../monitor/fixtures.js';
import {healthyTicks, stateFrom} from './fixtures.js';
import {lineWith, renderApp} from './render.js';

/** The ACTUAL cell of each WAN's row: the first percentage after its connections. */
function actualShares(frame: string): number[] {
	return ['wan1', 'wan2', 'wan3'].map(name => Number(/^. wan\d .*?\d+% +[\d,]+ +(\d+)%/.exec(lineWith(frame, ` ${name} `))?.[1]));
}

test('the ACTUAL column adds up to 100 %, where each rounded alone made 101', async t => {
	const ticks = healthyTicks();
	// 47.5 %, 47.5 % and 5 %: rounded one by one, 48 + 48 + 5.
	ticks.push(advance(ticks.at(-1)!, 2, {connections: {wan1: 95, wan2: 95, wan3: 10}}));
	const app = renderApp(stateFrom(ticks), {columns: 100, rows: 30});
	t.after(() => app.unmount());
	const shares = actualShares(app.frame());
	assert.deepEqual(shares, [48, 47, 5], app.frame());
});

test('--once and --json give actual shares that add up: 100.0 % in the report, 1 in the JSON', () => {
	// 1, 1 and 4 connections: 16.7 + 16.7 + 66.7 = 100.1 when each was rounded alone.
	const counts = {total: 6, unmarked: 0, byMark: {wan1_conn: 1, wan2_conn: 1, wan3_conn: 4}};
	const routes = snapshot(healthyTicks()[0]).routes;
	const document = onceDocument({
		host: 'edge-gw.invalid', identity: config.identity, version: config.version, board: config.board, uptime: '1d',
		topology, wans: liveWans(topology.wans, routes, counts), counts, counting: {routerMs: 1, everyMs: 2000, intervalMs: 2000},
	});
	const json = JSON.parse(JSON.stringify(document)) as typeof document;
	const ratios = json.pcc.wans.map(wan => wan.actualShare);
	assert.equal(Math.round(ratios.reduce((sum, ratio) => sum + ratio, 0) * 10_000), 10_000, `${ratios.join(' + ')}`);
	const text = renderReport(document, {color: false});
	const shown = [...text.matchAll(/configured, ([\d.]+)% actual/g)].map(match => match[1]);
	assert.deepEqual(shown, ['16.7', '16.7', '66.6'], text);
});
