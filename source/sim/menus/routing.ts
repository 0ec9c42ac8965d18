import type {RouterState} from '../model/router-state.js';
import {bool, comment, disabled, dynamic, flag, int, listVerbs, oneOf, status, text, type FieldSpec, type MenuSpec} from './spec.js';

const ruleActions = ['lookup', 'lookup-only-in-table', 'drop', 'unreachable'];

function routeFields(router: RouterState): FieldSpec[] {
	const v7 = router.version.major >= 7;
	const common: FieldSpec[] = [
		{name: 'dst-address', kind: 'network', default: '0.0.0.0/0'},
		{name: 'gateway', kind: 'gateway'},
		...(v7 ? [status('immediate-gw')] : [status('gateway-status')]),
		...(v7
			? [text('routing-table', {default: 'main', ref: {path: '/routing/table'}})]
			: [text('routing-mark')]),
		int('distance', 0, 255, {default: '1'}),
		int('scope', 0, 255, {default: '30'}),
		int('target-scope', 0, 255, {default: '10'}),
		oneOf('check-gateway', v7 ? ['none', 'ping', 'arp', 'bfd', 'bfd-multihop'] : ['ping', 'arp']),
		{name: 'pref-src', kind: 'ip'},
		...(v7
			? [text('vrf-interface'), {name: 'blackhole', kind: 'bool', presence: true, default: 'false'} as FieldSpec, bool('suppress-hw-offload', false)]
			: [oneOf('type', ['unicast', 'blackhole', 'prohibit', 'unreachable'], {default: 'unicast'})]),
		flag('active'),
		...(v7 ? [flag('inactive')] : []),
		dynamic,
		flag('static', (_router, item) => String(item.fields.dynamic !== 'true')),
		flag('connect'),
		flag('dhcp'),
		...(v7 ? [flag('ecmp'), flag('hw-offloaded')] : []),
		disabled,
		comment,
	];
	return common;
}

function ruleMenu(path: string, router: RouterState): MenuSpec {
	const v7 = router.version.major >= 7;
	const tableRef = v7 ? {path: '/routing/table'} : undefined;
	return {
		path,
		ordered: true,
		logName: 'routing rule',
		verbs: [...listVerbs, 'move'],
		fields: [
			{name: 'src-address', kind: 'network'},
			{name: 'dst-address', kind: 'network'},
			text('routing-mark', {ref: tableRef}),
			text('interface', {ref: {path: '/interface'}}),
			oneOf('action', ruleActions, {default: 'lookup'}),
			text('table', {ref: tableRef, default: 'main'}),
			...(v7 ? [int('min-prefix', 0, 32)] : []),
			flag('invalid'),
			dynamic,
			disabled,
			comment,
		],
	};
}

export function routingMenus(router: RouterState): MenuSpec[] {
	const route: MenuSpec = {
		path: '/ip/route',
		logName: 'route',
		verbs: listVerbs,
		fields: routeFields(router),
		check: (_router, fields) =>
			fields.gateway === undefined && fields.blackhole !== 'true' && fields.type === undefined
				? 'failure: gateway not specified'
				: undefined,
	};
	if (router.version.major < 7) return [route, ruleMenu('/ip/route/rule', router)];
	return [
		route,
		{
			path: '/routing/table',
			key: 'name',
			duplicateMessage: 'failure: table with such name already exists',
			logName: 'routing table',
			verbs: listVerbs,
			fields: [
				text('name', {required: true}),
				{name: 'fib', kind: 'bool', presence: true, default: 'false'},
				flag('invalid'),
				dynamic,
				disabled,
				comment,
			],
		},
		ruleMenu('/routing/rule', router),
	];
}
