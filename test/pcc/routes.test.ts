import {test} from 'node:test';
import assert from 'node:assert/strict';
import {gatewayInterface, reportedInterface, routeGateways, tableForMark} from '../../source/pcc/routes.js';
import {routerConfig, rows} from './helpers/rows.js';

test('gateways: ECMP lists split, %interface kept as where it leaves, @table dropped', () => {
	const [route] = rows('gateway=10.0.0.1%ether1,10.0.1.1@main,pppoe-out1');
	assert.deepEqual(routeGateways(route), [{address: '10.0.0.1', via: 'ether1'}, {address: '10.0.1.1'}, {address: 'pppoe-out1'}]);
});

test('the interface the router reports: v7 immediate-gw in both forms, v6 gateway-status', () => {
	assert.equal(reportedInterface(rows('immediate-gw=203.0.113.1%ether1')[0]), 'ether1');
	assert.equal(reportedInterface(rows('immediate-gw=pppoe-out1')[0]), 'pppoe-out1');
	assert.equal(reportedInterface(rows('gateway-status="203.0.113.1 reachable via  ether1"')[0]), 'ether1');
	assert.equal(reportedInterface(rows('gateway-status="8.8.8.8 recursive via 203.0.113.1 ether1"')[0]), 'ether1');
	assert.equal(reportedInterface(rows('gateway-status="203.0.113.1 unreachable"')[0]), undefined);
});

test('recursive gateways resolve through host routes in main, and a loop of them ends', () => {
	const config = routerConfig(6, {
		addresses: rows('address=203.0.113.2/30 network=203.0.113.0 interface=ether1'),
		routes: rows(
			'dst-address=8.8.8.8/32 gateway=203.0.113.1 scope=10',
			'dst-address=1.1.1.1/32 gateway=9.9.9.9',
			'dst-address=9.9.9.9/32 gateway=1.1.1.1',
		),
	});
	assert.equal(gatewayInterface(config, {address: '8.8.8.8'}), 'ether1');
	assert.equal(gatewayInterface(config, {address: '1.1.1.1'}), undefined);
});

test('a policy rule sends a routing mark to another table; disabled rules do not', () => {
	const config = routerConfig(6, {routingRules: rows('routing-mark=to_isp4 action=lookup-only-in-table table=isp4', 'routing-mark=to_isp5 table=isp5 disabled=true')});
	assert.equal(tableForMark(config, 'to_isp4'), 'isp4');
	assert.equal(tableForMark(config, 'to_isp5'), 'to_isp5');
});
