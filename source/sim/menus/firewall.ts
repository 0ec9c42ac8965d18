import {interfaceGroupNames} from '../model/interface-groups.js';
import type {RouterState} from '../model/router-state.js';
import {bool, comment, disabled, dynamic, flag, oneOf, ruleVerbs, status, text, type FieldSpec, type MenuSpec} from './spec.js';

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
	raw: ['drop', 'notrack'],
};

/** Matchers exports carry that the engine does not evaluate: stored and printed as written. */
const otherMatchers = ['layer7-protocol', 'ipsec-policy', 'hotspot', 'tcp-flags', 'tcp-mss', 'connection-limit', 'connection-rate']
	.concat(['connection-bytes', 'connection-type', 'limit', 'dst-limit', 'nth', 'random', 'psd', 'packet-size', 'icmp-options'])
	.concat(['ipv4-options', 'fragment', 'dscp', 'ttl', 'priority', 'time', 'content', 'tls-host', 'in-bridge-port', 'out-bridge-port'])
	.concat(['in-bridge-port-list', 'out-bridge-port-list', 'src-mac-address', 'realm', 'p2p']);

/** What every firewall rule ends with, IPv4 and IPv6 alike. */
export const ruleTail: FieldSpec[] = [bool('log', false), text('log-prefix', {default: ''}), flag('invalid'), dynamic, disabled, comment];

/** The matchers and actions PCC set-ups use; every firewall menu shares them. */
function ruleFields(router: RouterState, kind: 'filter' | 'mangle' | 'nat' | 'raw'): FieldSpec[] {
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
		...(kind === 'filter' ? [oneOf('reject-with', rejections), bool('hw-offload', false)] : []),
		...(kind === 'mangle' ? [text('new-mss'), text('new-dscp'), text('new-ttl'), text('new-priority'), text('sniff-target'), text('sniff-target-port'), text('route-dst')] : []),
		...otherMatchers.map(name => text(name, {negatable: true})),
		text('src-address-list-timeout'),
		...ruleTail,
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

/** The connection-tracking helpers a router has, by name, with their ports. */
const servicePorts: Array<[string, string]> = [
	['ftp', '21'], ['tftp', '69'], ['irc', '6667'], ['h323', ''], ['sip', '5060,5061'], ['pptp', ''], ['rtsp', '554'], ['udplite', ''], ['dccp', ''], ['sctp', ''],
];

export function firewallMenus(router: RouterState): MenuSpec[] {
	return [...ruleMenus(router), {
		path: '/ip/firewall/service-port',
		key: 'name',
		logName: 'service port',
		verbs: ['print', 'getall', 'listen', 'set', 'unset', 'enable', 'disable'],
		fields: [status('name'), text('ports'), bool('sip-direct-media', true), text('sip-timeout', {default: '1h'}), flag('invalid'), disabled],
		builtin: () => servicePorts.map(([name, ports]): {fields: Record<string, string>} => ({fields: ports ? {name, ports} : {name}})),
	}];
}

function ruleMenus(router: RouterState): MenuSpec[] {
	return (['filter', 'mangle', 'nat', 'raw'] as const).map(kind => ({
		path: `/ip/firewall/${kind}`,
		ordered: true,
		stats: true,
		logName: `${kind} rule`,
		verbs: ruleVerbs,
		fields: ruleFields(router, kind),
		check: (_router, fields) => checkRule(fields),
	}));
}
