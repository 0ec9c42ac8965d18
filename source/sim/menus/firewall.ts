import {interfaceGroupNames} from '../model/interface-groups.js';
import type {RouterState} from '../model/router-state.js';
import {bool, comment, disabled, dynamic, flag, oneOf, ruleVerbs, text, type FieldSpec, type MenuSpec} from './spec.js';

const addressTypes = ['unicast', 'local', 'broadcast', 'multicast', 'blackhole', 'prohibit', 'unreachable'];

const protocols = [
	'tcp',
	'udp',
	'icmp',
	'igmp',
	'gre',
	'ipsec-esp',
	'ipsec-ah',
	'ipip',
	'ospf',
	'sctp',
	'udp-lite',
	'l2tp',
	'icmpv6',
	'vrrp',
	'pim',
	'ipv6-encap',
	...Array.from({length: 256}, (_value, number) => String(number)),
];

const connectionStates = ['established', 'related', 'new', 'invalid', 'untracked'];

const rejections = [
	'icmp-network-unreachable',
	'icmp-host-unreachable',
	'icmp-port-unreachable',
	'icmp-protocol-unreachable',
	'icmp-network-prohibited',
	'icmp-host-prohibited',
	'icmp-admin-prohibited',
	'tcp-reset',
];

const natFields: FieldSpec[] = [
	{name: 'to-addresses', kind: 'address'},
	{name: 'to-ports', kind: 'ports'},
];

const shared: Record<string, readonly string[]> = {
	common: ['accept', 'add-dst-to-address-list', 'add-src-to-address-list', 'jump', 'log', 'passthrough', 'return'],
	filter: ['drop', 'fasttrack-connection', 'reject', 'tarpit'],
	mangle: [
		'change-dscp',
		'change-mss',
		'change-ttl',
		'clear-df',
		'fasttrack-connection',
		'mark-connection',
		'mark-packet',
		'mark-routing',
		'route',
		'set-priority',
		'sniff-pc',
		'sniff-tzsp',
		'strip-ipv4-options',
	],
	nat: ['dst-nat', 'masquerade', 'netmap', 'redirect', 'same', 'src-nat', 'endpoint-independent-nat'],
};

/** The matchers and actions PCC set-ups use; every firewall menu shares them. */
function ruleFields(router: RouterState, kind: 'filter' | 'mangle' | 'nat'): FieldSpec[] {
	const v7 = router.version.major >= 7;
	const interfaceRef = {path: '/interface', also: interfaceGroupNames};
	const listRef = {path: '/interface/list'};
	// v7 marks routing with a routing table; v6 with a free-form routing mark.
	const routingMark: Partial<FieldSpec> = v7 ? {ref: {path: '/routing/table', also: ['main']}} : {};
	const actions = [...shared.common, ...shared[kind]].sort();
	return [
		text('chain', {required: true}),
		oneOf('action', actions, {default: 'accept'}),
		text('in-interface', {negatable: true, ref: interfaceRef}),
		text('out-interface', {negatable: true, ref: interfaceRef}),
		text('in-interface-list', {negatable: true, ref: listRef}),
		text('out-interface-list', {negatable: true, ref: listRef}),
		{name: 'src-address', kind: 'address', negatable: true},
		{name: 'dst-address', kind: 'address', negatable: true},
		text('src-address-list', {negatable: true}),
		text('dst-address-list', {negatable: true}),
		{name: 'src-address-type', kind: 'list', values: addressTypes, negatable: true},
		{name: 'dst-address-type', kind: 'list', values: addressTypes, negatable: true},
		oneOf('protocol', protocols, {negatable: true}),
		{name: 'src-port', kind: 'ports', negatable: true},
		{name: 'dst-port', kind: 'ports', negatable: true},
		{name: 'port', kind: 'ports', negatable: true},
		{name: 'connection-state', kind: 'list', values: connectionStates, negatable: true},
		{name: 'connection-nat-state', kind: 'list', values: ['srcnat', 'dstnat'], negatable: true},
		text('connection-mark', {negatable: true}),
		text('packet-mark', {negatable: true}),
		text('routing-mark', {negatable: true, ...routingMark}),
		{name: 'per-connection-classifier', kind: 'classifier'},
		...(kind === 'mangle'
			? [
					text('new-connection-mark'),
					text('new-packet-mark'),
					text('new-routing-mark', routingMark),
					bool('passthrough', true),
				]
			: []),
		text('jump-target'),
		text('address-list'),
		text('address-list-timeout'),
		...(kind === 'nat' ? natFields : []),
		...(kind === 'filter' ? [oneOf('reject-with', rejections)] : []),
		bool('log', false),
		text('log-prefix', {default: ''}),
		flag('invalid'),
		dynamic,
		disabled,
		comment,
	];
}

/** What RouterOS insists on before a rule can do anything. */
function checkRule(fields: Record<string, string>): string | undefined {
	if (fields.action === 'jump' && !fields['jump-target']) return 'action jump requires jump-target';
	const ports = fields['src-port'] ?? fields['dst-port'] ?? fields.port;
	const protocol = (fields.protocol ?? '').replace(/^!/, '');
	if (ports !== undefined && !['tcp', 'udp', 'udp-lite', 'sctp', 'dccp', '6', '17'].includes(protocol)) {
		return 'failure: can not have port without protocol tcp, udp, udp-lite, dccp or sctp';
	}
	return undefined;
}

export function firewallMenus(router: RouterState): MenuSpec[] {
	return (['filter', 'mangle', 'nat'] as const).map(kind => ({
		path: `/ip/firewall/${kind}`,
		ordered: true,
		stats: true,
		logName: `${kind} rule`,
		verbs: ruleVerbs,
		fields: ruleFields(router, kind),
		check: (_router, fields) => checkRule(fields),
	}));
}
