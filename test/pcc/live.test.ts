import {test} from 'node:test';
import assert from 'node:assert/strict';
import {discover} from '../../source/pcc/discover.js';
import {countedMarks, liveWans} from '../../source/pcc/live.js';
import {wanRouteStates} from '../../source/pcc/route-state.js';
import type {RouteState} from '../../source/pcc/types.js';
import {configFromFixture} from '../helpers/config-from-rsc.js';
import {cleanV7} from './helpers/configs.js';

function route(table: string, gateway: string, distance: number, active: boolean, dstAddress = '0.0.0.0/0'): RouteState {
	return {id: `*${table}${distance}`, table, dstAddress, gateway, distance, checkGateway: 'ping', active, inactive: !active, disabled: false, dynamic: false};
}

test('connections per WAN count every mark that leads to it; shares are of the marked total', () => {
	const topology = discover(cleanV7());
	const routes = [route('wan1', '203.0.113.1', 1, true), route('wan2', '198.51.100.1', 1, true), route('wan2', '192.0.2.1', 2, false)];
	const wans = liveWans(topology.wans, routes, {total: 1000, unmarked: 200, byMark: {wan1_conn: 600, wan2_conn: 200}});
	assert.deepEqual(wans.map(wan => [wan.name, wan.connections, wan.actualShare, wan.routeActive, wan.state]), [
		['wan1', 600, 0.75, true, 'up'],
		['wan2', 200, 0.25, true, 'up'],
	]);
});

test('a WAN whose default routes are all inactive is down; host routes in its table do not count', () => {
	const topology = discover(cleanV7());
	const routes = [route('wan1', '203.0.113.1', 1, true), route('wan2', '198.51.100.1', 1, false), route('wan2', '198.51.100.1', 1, true, '9.9.9.9/32')];
	const [wan1, wan2] = liveWans(topology.wans, routes, {total: 0, unmarked: 0, byMark: {}});
	assert.equal(wan1.state, 'up');
	assert.equal(wan2.state, 'down');
	assert.equal(wan2.actualShare, 0, 'no connections: no share, not NaN');
	assert.deepEqual(wanRouteStates(topology.wans[1], routes).map(item => item.dstAddress), ['0.0.0.0/0']);
});

test('v6: routes are found by the table a policy rule maps the mark to; marks to count include inbound and output ones', async () => {
	const {config} = await configFromFixture('exports/v6-four-wan-jump-recursive.rsc');
	const topology = discover(config);
	const isp4 = topology.wans.find(wan => wan.name === 'to_isp4')!;
	assert.equal(isp4.table, 'isp4_table');
	const [live] = liveWans([isp4], [route('isp4_table', '100.64.1.1', 1, true)], {total: 3, unmarked: 0, byMark: {isp4_conn: 3}});
	assert.equal(live.state, 'up');
	assert.deepEqual(countedMarks(topology), ['isp1_conn', 'isp2_conn', 'isp3_conn', 'isp4_conn']);
});

test('a connection mark nothing routes follows table main: up while main is, never a route down', () => {
	const unrouted = {...discover(cleanV7()).wans[1], name: 'wan2_conn', routingMark: '', table: ''};
	const main = route('main', '203.0.113.1', 1, true);
	const [live] = liveWans([unrouted], [main], {total: 5, unmarked: 0, byMark: {wan2_conn: 5}});
	assert.equal(live.routeActive, true);
	assert.equal(live.state, 'up');
	assert.equal(liveWans([unrouted], [{...main, active: false, inactive: true}], {total: 0, unmarked: 0, byMark: {}})[0].state, 'down', 'down only when main is');
});
