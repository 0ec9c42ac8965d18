import type {Fields, Item} from '../model/item.js';
import type {RouterState} from '../model/router-state.js';
import {ethernetMonitor, monitorTraffic} from './monitor-commands.js';
import {atLeast} from '../model/version.js';
import {bool, comment, disabled, dynamic, flag, int, listVerbs, oneOf, status, text, type FieldSpec, type MenuSpec} from './spec.js';

const interfaceRef = {path: '/interface'};

/** MikroTik's OUI; the rest follows the interface id, so every run gives the same addresses. */
export function macAddressFor(id: number): string {
	const bytes = [0x4c, 0x5e, 0x0c, (id >> 16) & 0xff, (id >> 8) & 0xff, id & 0xff];
	return bytes.map(byte => byte.toString(16).toUpperCase().padStart(2, '0')).join(':');
}

/** Interfaces that take no MTU of their own print `auto` and run at the usual 1500. */
function actualMtu(_router: RouterState, item: Item): string {
	const {mtu, type} = item.fields;
	if (type === 'pppoe-out') {
		const max = item.fields['max-mtu'];
		return max && max !== 'auto' ? max : '1480';
	}
	return mtu && mtu !== 'auto' ? mtu : '1500';
}

const l2mtuByType: Record<string, string> = {ether: '1598', vlan: '1594', bridge: '1598'};

/**
 * Ethernet, bridges and VLANs run while enabled; a PPPoE client once the engine brings it
 * up. The engine sets `running` when it knows better (a link down).
 */
function running(_router: RouterState, item: Item): string {
	return String(item.fields.disabled !== 'true' && item.fields.type !== 'pppoe-out');
}

export function isRunning(router: RouterState, item: Item): boolean {
	if (item.fields.disabled === 'true') return false;
	return (item.fields.running ?? running(router, item)) === 'true';
}

function macAddress(router: RouterState, item: Item): string | undefined {
	const {type} = item.fields;
	if (type === 'pppoe-out') return undefined;
	if (type === 'vlan') {
		const parent = router.findByName('/interface', item.fields.interface ?? '');
		return parent ? macAddress(router, parent) : undefined;
	}
	if (type === 'bridge' && item.fields['auto-mac'] !== 'false') {
		const port = router.rows('/interface/bridge/port').find(row => row.fields.bridge === item.fields.name);
		const member = port && router.findByName('/interface', port.fields.interface ?? '');
		if (member && member.fields.type !== 'bridge') return macAddress(router, member);
	}
	return item.fields['admin-mac'] ?? macAddressFor(item.id);
}

export const counterNames = [
	'rx-byte',
	'tx-byte',
	'rx-packet',
	'tx-packet',
	'rx-drop',
	'tx-drop',
	'tx-queue-drop',
	'rx-error',
	'tx-error',
] as const;

/** What every kind of interface has; `mac-address` is settable where the port takes one. */
export function common(settableMac = false): FieldSpec[] {
	return [
		text('name', {required: true}),
		{name: 'mtu', kind: 'mtu', default: '1500'},
		status('actual-mtu', actualMtu),
		settableMac ? {name: 'mac-address', kind: 'mac', default: macAddress} : status('mac-address', macAddress),
		flag('running', running),
	];
}

function interfaceMenu(): MenuSpec {
	return {
		path: '/interface',
		key: 'name',
		duplicateMessage: 'already have interface with such name',
		logName: 'interface',
		verbs: ['print', 'getall', 'listen', 'set', 'unset', 'enable', 'disable', 'reset-counters'],
		actions: {'monitor-traffic': monitorTraffic},
		fields: [
			text('name', {required: true}),
			status('default-name'),
			status('type'),
			{name: 'mtu', kind: 'mtu', default: '1500'},
			status('actual-mtu', actualMtu),
			status('l2mtu', (_router, item) => l2mtuByType[item.fields.type ?? '']),
			status('mac-address', macAddress),
			status('last-link-up-time', (router, item) =>
				isRunning(router, item) ? router.formatDate(router.bootedAt) : undefined,
			),
			status('link-downs', '0'),
			...counterNames.map(name => status(name, '0')),
			flag('running', running),
			flag('slave'),
			dynamic,
			disabled,
			comment,
		],
	};
}

/** RouterOS before 6.41 switched ports in hardware by a master port; 6.41 made them bridge ports and dropped it. */
function masterPort(router: RouterState): FieldSpec[] {
	return atLeast(router.version, 6, 41) ? [] : [text('master-port', {default: 'none', ref: {path: '/interface', also: ['none']}})];
}

function ethernetMenu(router: RouterState): MenuSpec {
	return {
		path: '/interface/ethernet',
		view: {path: '/interface', where: {type: 'ether'}},
		key: 'name',
		duplicateMessage: 'already have interface with such name',
		logName: 'interface',
		verbs: ['print', 'getall', 'listen', 'set', 'unset', 'enable', 'disable', 'reset-counters'],
		actions: {monitor: ethernetMonitor},
		fields: [
			...common(true),
			status('default-name'),
			status('orig-mac-address', (_router, item) => macAddressFor(item.id)),
			oneOf('arp', ['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'], {default: 'enabled'}),
			{name: 'arp-timeout', kind: 'string', default: 'auto'},
			bool('auto-negotiation', true),
			int('l2mtu', 0, 65535, {default: '1598'}),
			bool('disable-running-check', true),
			oneOf('loop-protect', ['default', 'on', 'off'], {default: 'default'}),
			text('loop-protect-disable-time', {default: '5m'}),
			text('loop-protect-send-interval', {default: '5s'}),
			text('speed'),
			text('advertise'),
			text('full-duplex', {default: 'yes'}),
			text('poe-out'),
			text('poe-priority'),
			text('rx-flow-control', {default: 'off'}),
			text('tx-flow-control', {default: 'off'}),
			text('sfp-rate-select'),
			...masterPort(router),
			text('fec-mode'),
			text('bandwidth', {default: 'unlimited/unlimited'}),
			disabled,
			comment,
		],
	};
}

function vlanMenu(): MenuSpec {
	return {
		path: '/interface/vlan',
		view: {path: '/interface', where: {type: 'vlan'}},
		key: 'name',
		duplicateMessage: 'already have interface with such name',
		autoName: 'vlan',
		logName: 'vlan',
		verbs: listVerbs,
		fields: [
			...common(),
			text('interface', {required: true, ref: interfaceRef}),
			int('vlan-id', 1, 4095, {required: true}),
			oneOf('arp', ['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'], {default: 'enabled'}),
			bool('use-service-tag', false),
			disabled,
			comment,
		],
	};
}

function bridgeMenu(router: RouterState): MenuSpec {
	return {
		path: '/interface/bridge',
		view: {path: '/interface', where: {type: 'bridge'}},
		key: 'name',
		duplicateMessage: 'already have interface with such name',
		autoName: 'bridge',
		logName: 'bridge',
		verbs: listVerbs,
		fields: [
			...common().map(field => (field.name === 'mtu' ? {...field, default: 'auto'} : field)),
			oneOf('protocol-mode', ['none', 'rstp', 'stp', 'mstp'], {default: 'rstp'}),
			bool('vlan-filtering', false),
			bool('fast-forward', true),
			bool('igmp-snooping', false),
			bool('dhcp-snooping', false),
			bool('add-dhcp-option82', false),
			...(router.version.major >= 7 ? [oneOf('port-cost-mode', ['long', 'short'], {default: 'long'})] : []),
			int('pvid', 1, 4094, {default: '1'}),
			text('frame-types', {default: 'admit-all'}),
			text('ingress-filtering', {default: router.version.major >= 7 ? 'yes' : 'no'}),
			text('ether-type', {default: '0x8100'}),
			text('priority', {default: '0x8000'}),
			text('max-message-age', {default: '20s'}),
			text('forward-delay', {default: '15s'}),
			text('ageing-time', {default: '5m'}),
			text('mvrp', {default: 'no'}),
			text('multicast-router', {default: 'temporary-query'}),
			text('mld-version'),
			text('igmp-version'),
			bool('auto-mac', true),
			{name: 'admin-mac', kind: 'mac'},
			oneOf('arp', ['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'], {default: 'enabled'}),
			disabled,
			comment,
		],
	};
}

function bridgePortMenu(): MenuSpec {
	return {
		path: '/interface/bridge/port',
		logName: 'bridge port',
		verbs: listVerbs,
		fields: [
			text('interface', {required: true, ref: interfaceRef}),
			text('bridge', {required: true, ref: {path: '/interface', where: {type: 'bridge'}}}),
			int('pvid', 1, 4094, {default: '1'}),
			text('frame-types', {default: 'admit-all'}),
			text('ingress-filtering', {default: 'yes'}),
			text('horizon', {default: 'none'}),
			text('edge', {default: 'auto'}),
			text('point-to-point', {default: 'auto'}),
			text('learn', {default: 'auto'}),
			text('path-cost'),
			text('internal-path-cost'),
			text('priority', {default: '0x80'}),
			bool('trusted', false),
			bool('hw', true),
			bool('bpdu-guard', false),
			bool('unknown-unicast-flood', true),
			bool('broadcast-flood', true),
			flag('inactive'),
			dynamic,
			disabled,
			comment,
		],
		check: (_router, fields) => (fields.interface === fields.bridge ? 'interface cannot be bridge port of itself' : undefined),
		unique: {fields: ['interface'], message: 'device already added as bridge port'},
	};
}

function pppoeClientMenu(router: RouterState): MenuSpec {
	return {
		path: '/interface/pppoe-client',
		view: {path: '/interface', where: {type: 'pppoe-out'}},
		key: 'name',
		duplicateMessage: 'already have interface with such name',
		autoName: 'pppoe-out',
		logName: 'pppoe-client',
		verbs: listVerbs,
		fields: [
			text('name', {required: true}),
			{name: 'max-mtu', kind: 'mtu', default: 'auto'},
			{name: 'max-mru', kind: 'mtu', default: 'auto'},
			{name: 'mrru', kind: 'mtu', default: 'disabled'},
			text('interface', {required: true, ref: interfaceRef}),
			text('user', {default: ''}),
			text('password', {default: ''}),
			text('profile', {default: 'default'}),
			text('service-name', {default: ''}),
			text('ac-name', {default: ''}),
			bool('add-default-route', false),
			int('default-route-distance', 0, 255, {default: '1'}),
			bool('dial-on-demand', false),
			bool('use-peer-dns', false),
			{name: 'allow', kind: 'list', values: ['pap', 'chap', 'mschap1', 'mschap2'], default: 'pap,chap,mschap1,mschap2'},
			{
				name: 'keepalive-timeout',
				kind: 'int',
				min: 0,
				max: 4294967295,
				default: router.version.major >= 7 ? '10' : '60',
			},
			flag('running', running),
			disabled,
			comment,
		],
	};
}

function listMenus(): MenuSpec[] {
	return [
		{
			path: '/interface/list',
			key: 'name',
			duplicateMessage: 'failure: list with such name already exists',
			logName: 'interface list',
			verbs: ['print', 'getall', 'listen', 'add', 'set', 'unset', 'remove'],
			fields: [
				text('name', {required: true}),
				text('include', {ref: {path: '/interface/list'}}),
				text('exclude', {ref: {path: '/interface/list'}}),
				flag('builtin'),
				dynamic,
				comment,
			],
		},
		{
			path: '/interface/list/member',
			logName: 'interface list member',
			verbs: listVerbs,
			fields: [
				text('list', {required: true, ref: {path: '/interface/list'}}),
				text('interface', {required: true, ref: interfaceRef}),
				dynamic,
				disabled,
				comment,
			],
			unique: {fields: ['list', 'interface'], message: 'failure: already have such entry'},
		},
	];
}

/** Lists every router has; `static` came with RouterOS 7. */
export function builtinInterfaceLists(major: number): Fields[] {
	const names = major >= 7 ? ['all', 'none', 'dynamic', 'static'] : ['all', 'none', 'dynamic'];
	return names.map(name => ({name, builtin: 'true'}));
}

export function interfaceMenus(router: RouterState): MenuSpec[] {
	return [
		interfaceMenu(),
		ethernetMenu(router),
		vlanMenu(),
		bridgeMenu(router),
		bridgePortMenu(),
		pppoeClientMenu(router),
		...listMenus(),
	];
}
