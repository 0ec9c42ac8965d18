import {builtinInterfaceNames} from '../../pcc/interfaces.js';
import type {RouterState} from '../model/router-state.js';
import {bool, comment, disabled, dynamic, flag, int, listVerbs, oneOf, ruleVerbs, status, text, type FieldSpec, type MenuSpec} from './spec.js';
import {ruleTail} from './firewall.js';
import {named, settings} from './services.js';

/**
 * IPv6 configuration as exports carry it: addresses, routes, firewall, settings and
 * neighbour discovery, stored and printed; the simulator carries no IPv6 traffic.
 */

const interfaceRef = {path: '/interface', also: builtinInterfaceNames};
const listRef = {path: '/interface/list'};

const actions: Record<string, string[]> = {
	filter: ['accept', 'drop', 'jump', 'log', 'passthrough', 'reject', 'return', 'add-src-to-address-list', 'add-dst-to-address-list'],
	mangle: ['accept', 'change-dscp', 'change-hop-limit', 'change-mss', 'jump', 'log', 'mark-connection', 'mark-packet', 'mark-routing', 'passthrough', 'return', 'sniff-tzsp', 'add-src-to-address-list', 'add-dst-to-address-list'],
	nat: ['accept', 'dst-nat', 'jump', 'log', 'masquerade', 'netmap', 'passthrough', 'redirect', 'return', 'src-nat', 'endpoint-independent-nat'],
	raw: ['accept', 'drop', 'jump', 'log', 'notrack', 'passthrough', 'return', 'add-src-to-address-list', 'add-dst-to-address-list'],
};

function ruleFields(kind: string): FieldSpec[] {
	const matchers = ['src-address', 'dst-address', 'src-address-list', 'dst-address-list', 'protocol', 'src-port', 'dst-port', 'port']
		.concat(['connection-state', 'connection-mark', 'packet-mark', 'routing-mark', 'icmp-options', 'limit', 'tcp-flags', 'hop-limit'])
		.concat(['src-address-type', 'dst-address-type', 'ipsec-policy', 'src-mac-address', 'connection-limit', 'dst-limit', 'headers']);
	return [
		text('chain', {required: true}),
		oneOf('action', actions[kind], {default: 'accept'}),
		text('in-interface', {negatable: true, ref: interfaceRef}),
		text('out-interface', {negatable: true, ref: interfaceRef}),
		text('in-interface-list', {negatable: true, ref: listRef}),
		text('out-interface-list', {negatable: true, ref: listRef}),
		...matchers.map(name => (name === 'src-address' || name === 'dst-address' ? {name, kind: 'ipv6-prefix' as const, negatable: true} : text(name, {negatable: true}))),
		text('jump-target'),
		text('address-list'),
		text('address-list-timeout'),
		text('new-connection-mark'),
		text('new-packet-mark'),
		text('new-routing-mark'),
		text('to-address'),
		text('to-ports'),
		text('reject-with'),
		bool('passthrough', true),
		...ruleTail,
	];
}

export function ipv6Menus(router: RouterState): MenuSpec[] {
	const v7 = router.version.major >= 7;
	return [
		{
			path: '/ipv6/address',
			logName: 'ipv6 address',
			verbs: listVerbs,
			fields: [
				{name: 'address', kind: 'ipv6-prefix', required: true},
				text('interface', {required: true, ref: interfaceRef}),
				text('from-pool'),
				bool('advertise', true),
				bool('eui-64', false),
				bool('no-dad', false),
				status('actual-interface', (_router, item) => item.fields.interface),
				flag('invalid'),
				flag('link-local'),
				dynamic,
				disabled,
				comment,
			],
		},
		{
			path: '/ipv6/route',
			logName: 'ipv6 route',
			verbs: listVerbs,
			fields: [
				{name: 'dst-address', kind: 'ipv6-prefix', default: '::/0'},
				{name: 'gateway', kind: 'ipv6-gateway'},
				int('distance', 0, 255, {default: '1'}),
				int('scope', 0, 255, {default: '30'}),
				int('target-scope', 0, 255, {default: '10'}),
				oneOf('check-gateway', ['none', 'ping', 'arp', 'bfd', 'bfd-multihop']),
				...(v7 ? [text('routing-table', {default: 'main', ref: {path: '/routing/table'}}), bool('suppress-hw-offload', false), text('vrf-interface')] : []),
				{name: 'blackhole', kind: 'bool', presence: true, default: 'false'},
				text('pref-src'),
				flag('active'),
				dynamic,
				disabled,
				comment,
			],
			check: (_router, fields) => (fields.gateway === undefined && fields.blackhole !== 'true' ? 'failure: gateway not specified' : undefined),
		},
		...(['filter', 'mangle', 'nat', 'raw'] as const).map(kind => ({
			path: `/ipv6/firewall/${kind}`,
			ordered: true,
			stats: true,
			logName: `ipv6 ${kind} rule`,
			verbs: ruleVerbs,
			fields: ruleFields(kind),
		})),
		{
			path: '/ipv6/firewall/address-list',
			logName: 'ipv6 address list entry',
			verbs: listVerbs,
			fields: [text('list', {required: true}), text('address', {required: true}), {name: 'timeout', kind: 'duration'}, dynamic, disabled, comment],
		},
		settings('/ipv6/settings', [
			bool('disable-ipv6', false),
			bool('forward', true),
			oneOf('accept-redirects', ['no', 'yes-if-forwarding-disabled'], {default: 'yes-if-forwarding-disabled'}),
			oneOf('accept-router-advertisements', ['no', 'yes', 'yes-if-forwarding-disabled'], {default: 'yes-if-forwarding-disabled'}),
			int('max-neighbor-entries', 0, 1_000_000, {default: '8192'}),
			...(v7 ? [bool('disable-link-local-address', false), bool('allow-fast-path', true), bool('stale-neighbor-detect-interval', false)] : []),
		], 'ipv6 settings'),
		{
			path: '/ipv6/nd',
			logName: 'ipv6 nd',
			verbs: listVerbs,
			fields: [
				text('interface', {required: true, ref: {path: '/interface', also: ['all']}}),
				text('ra-interval', {default: '3m20s-10m'}),
				text('ra-delay', {default: '3s'}),
				text('ra-lifetime', {default: '30m'}),
				text('ra-preference', {default: 'medium'}),
				text('mtu', {default: 'unspecified'}),
				text('reachable-time', {default: 'unspecified'}),
				text('retransmit-interval', {default: 'unspecified'}),
				text('hop-limit', {default: 'unspecified'}),
				text('dns', {default: ''}),
				text('pref64', {default: ''}),
				bool('advertise-mac-address', true),
				bool('advertise-dns', true),
				bool('managed-address-configuration', false),
				bool('other-configuration', false),
				flag('default'),
				flag('invalid'),
				disabled,
				comment,
			],
			builtin: () => [{fields: {interface: 'all', default: 'true'}}],
		},
		named('/ipv6/pool', [{name: 'prefix', kind: 'ipv6-prefix', required: true}, int('prefix-length', 1, 128, {required: true}), comment], {logName: 'ipv6 pool'}),
		{
			path: '/ipv6/dhcp-client',
			logName: 'ipv6 dhcp client',
			verbs: listVerbs,
			fields: [
				text('interface', {required: true, ref: interfaceRef}),
				text('request', {required: true}),
				text('pool-name'),
				int('pool-prefix-length', 0, 128, {default: '64'}),
				bool('add-default-route', false),
				bool('use-peer-dns', true),
				text('prefix-hint', {default: '::/0'}),
				status('status', 'searching...'),
				flag('invalid'),
				disabled,
				comment,
			],
		},
	];
}
