import type {RouterState} from '../model/router-state.js';
import {bool, comment, disabled, flag, int, oneOf, status, text, type FieldSpec, type MenuSpec} from './spec.js';
import {named} from './services.js';

const yesNoDefault = ['yes', 'no', 'default'];

function profileFields(): FieldSpec[] {
	return [
		text('local-address'),
		text('remote-address'),
		text('bridge'),
		text('bridge-horizon'),
		oneOf('bridge-learning', yesNoDefault, {default: 'default'}),
		text('bridge-path-cost'),
		text('bridge-port-priority'),
		text('bridge-port-trusted'),
		text('bridge-port-vid'),
		oneOf('change-tcp-mss', yesNoDefault, {default: 'default'}),
		text('dns-server'),
		text('wins-server'),
		text('idle-timeout'),
		text('session-timeout'),
		text('incoming-filter'),
		text('outgoing-filter'),
		text('insert-queue-before'),
		text('parent-queue'),
		text('queue-type'),
		text('rate-limit'),
		text('interface-list'),
		text('address-list', {default: ''}),
		text('dhcpv6-pd-pool'),
		text('dhcpv6-lease-time'),
		text('dhcpv6-use-radius'),
		text('remote-ipv6-prefix-pool'),
		text('remote-ipv6-prefix-reuse'),
		text('on-up', {default: ''}),
		text('on-down', {default: ''}),
		oneOf('only-one', yesNoDefault, {default: 'default'}),
		oneOf('use-compression', yesNoDefault, {default: 'default'}),
		oneOf('use-encryption', [...yesNoDefault, 'required'], {default: 'default'}),
		oneOf('use-ipv6', [...yesNoDefault, 'required'], {default: 'yes'}),
		oneOf('use-mpls', [...yesNoDefault, 'required'], {default: 'default'}),
		oneOf('use-upnp', yesNoDefault, {default: 'default'}),
		flag('default'),
		comment,
	];
}

/** PPP profiles (the two a router has: `default` is `*0`, `default-encryption` `*FFFFFFFE`) and secrets. */
function pppMenus(): MenuSpec[] {
	return [
		named('/ppp/profile', profileFields(), {
			logName: 'ppp profile',
			builtin: (): Array<{id: number; fields: Record<string, string>}> => [
				{id: 0, fields: {name: 'default', 'change-tcp-mss': 'yes', default: 'true'}},
				{id: 0xfffffffe, fields: {name: 'default-encryption', 'change-tcp-mss': 'yes', 'use-encryption': 'yes', default: 'true'}},
			],
		}),
		named(
			'/ppp/secret',
			[
				text('password', {default: ''}),
				text('profile', {default: 'default', ref: {path: '/ppp/profile'}}),
				oneOf('service', ['any', 'async', 'l2tp', 'ovpn', 'pppoe', 'pptp', 'sstp'], {default: 'any'}),
				text('local-address'),
				text('remote-address'),
				text('remote-ipv6-prefix'),
				text('routes'),
				text('caller-id', {default: ''}),
				int('limit-bytes-in', 0, Number.MAX_SAFE_INTEGER, {default: '0'}),
				int('limit-bytes-out', 0, Number.MAX_SAFE_INTEGER, {default: '0'}),
				status('last-logged-out'),
				disabled,
				comment,
			],
			{logName: 'ppp secret'},
		),
	];
}

/** `remote.address`, `output.network`: RouterOS 7 BGP names its properties by group. */
function dotted(groups: Record<string, string[]>): FieldSpec[] {
	return Object.entries(groups).flatMap(([group, names]) => names.map(name => text(`${group}.${name}`)));
}

const bgpGroups = {
	local: ['address', 'role', 'port', 'ttl'],
	remote: ['address', 'as', 'port', 'allowed-as', 'ttl'],
	input: ['filter', 'accept-nlri', 'accept-communities', 'affinity', 'allow-as', 'ignore-as-path-len', 'limit-process-routes-ipv4'],
	output: ['network', 'filter-chain', 'filter-select', 'default-originate', 'redistribute', 'keep-sent-attributes', 'no-client-to-client-reflection'],
};

function bgpV7(): MenuSpec[] {
	const shared: FieldSpec[] = [
		text('as'),
		{name: 'router-id', kind: 'string'},
		text('routing-table', {default: 'main', ref: {path: '/routing/table'}}),
		text('vrf', {default: 'main'}),
		text('address-families', {default: 'ip'}),
		{name: 'hold-time', kind: 'duration', default: '3m'},
		text('keepalive-time'),
		bool('multihop', false),
		text('nexthop-choice', {default: 'default'}),
		text('cluster-id'),
		bool('use-bfd', false),
		...dotted(bgpGroups),
		disabled,
		comment,
	];
	return [
		named('/routing/bgp/template', shared, {logName: 'bgp template', builtin: () => [{fields: {name: 'default'}}]}),
		named('/routing/bgp/connection', [
			...shared,
			bool('connect', true),
			bool('listen', true),
			text('templates'),
			text('instance'),
			text('tcp-md5-key'),
			text('local.default-address'),
			flag('inactive'),
		], {logName: 'bgp connection'}),
	];
}

function bgpV6(): MenuSpec[] {
	return [
		named('/routing/bgp/instance', [
			int('as', 1, 4_294_967_295, {default: '65530'}),
			{name: 'router-id', kind: 'ip', default: '0.0.0.0'},
			bool('redistribute-connected', false),
			bool('redistribute-static', false),
			bool('redistribute-ospf', false),
			bool('client-to-client-reflection', true),
			text('routing-table', {default: ''}),
			text('out-filter', {default: ''}),
			flag('default'),
			disabled,
			comment,
		], {logName: 'bgp instance', builtin: () => [{fields: {name: 'default', default: 'true'}}]}),
		named('/routing/bgp/peer', [
			text('instance', {default: 'default', ref: {path: '/routing/bgp/instance'}}),
			{name: 'remote-address', kind: 'ip', required: true},
			int('remote-as', 1, 4_294_967_295, {required: true}),
			text('update-source'),
			bool('multihop', false),
			text('in-filter', {default: ''}),
			text('out-filter', {default: ''}),
			text('address-families', {default: 'ip'}),
			oneOf('default-originate', ['never', 'if-installed', 'always'], {default: 'never'}),
			text('tcp-md5-key', {default: ''}),
			{name: 'hold-time', kind: 'duration', default: '3m'},
			status('state', 'idle'),
			disabled,
			comment,
		], {logName: 'bgp peer'}),
		{
			path: '/routing/bgp/network',
			logName: 'bgp network',
			verbs: ['print', 'getall', 'listen', 'add', 'set', 'unset', 'remove', 'enable', 'disable'],
			fields: [{name: 'network', kind: 'network', required: true}, bool('synchronize', true), disabled, comment],
		},
	];
}

export function pppAndBgpMenus(router: RouterState): MenuSpec[] {
	return [...pppMenus(), ...(router.version.major >= 7 ? bgpV7() : bgpV6())];
}
