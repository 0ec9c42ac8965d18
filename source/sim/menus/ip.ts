import type {RouterState} from '../model/router-state.js';
import {parsePrefix} from '../../pcc/shared/ipv4.js';
import {bool, comment, disabled, dynamic, flag, int, listVerbs, oneOf, status, text, type MenuSpec} from './spec.js';
import {formatIpv4, maskOf} from './values.js';

const interfaceRef = {path: '/interface'};

/** `192.168.88.1/24` → `192.168.88.0`, as `/ip/address` shows `network`. */
export function addressNetwork(address: string): string | undefined {
	const prefix = parsePrefix(address);
	return prefix ? formatIpv4((prefix.address & maskOf(prefix.length)) >>> 0) : undefined;
}

export function ipMenus(router: RouterState): MenuSpec[] {
	return [
		{
			path: '/ip/address',
			logName: 'address',
			verbs: listVerbs,
			fields: [
				{name: 'address', kind: 'ip-prefix', required: true},
				{name: 'network', kind: 'ip', default: (_router, item) => addressNetwork(item.fields.address ?? '')},
				text('interface', {required: true, ref: interfaceRef}),
				status('actual-interface', (_router, item) => item.fields.interface),
				flag('invalid'),
				dynamic,
				disabled,
				comment,
			],
			unique: {fields: ['address', 'interface'], message: 'failure: already have such address'},
		},
		{
			path: '/ip/dhcp-client',
			logName: 'dhcp client',
			verbs: listVerbs,
			fields: [
				text('interface', {required: true, ref: interfaceRef}),
				oneOf('add-default-route', ['yes', 'no', 'special-classless'], {default: 'yes'}),
				int('default-route-distance', 0, 255, {default: '1'}),
				bool('use-peer-dns', true),
				bool('use-peer-ntp', true),
				text('dhcp-options', {default: 'hostname,clientid'}),
				...(router.version.major >= 7 ? [text('default-route-tables', {default: 'default'}), bool('check-gateway', false), text('allow-reconfigure')] : []),
				text('script'),
				status('status', 'searching...'),
				status('address'),
				status('gateway'),
				status('dhcp-server'),
				status('primary-dns'),
				status('expires-after'),
				flag('invalid'),
				dynamic,
				disabled,
				comment,
			],
			unique: {fields: ['interface'], message: 'failure: dhcp-client on that interface already exists'},
		},
		{
			path: '/ip/hotspot',
			key: 'name',
			autoName: 'hotspot',
			logName: 'hotspot',
			duplicateMessage: 'failure: already have such entry',
			verbs: listVerbs,
			fields: [
				text('name', {required: true}),
				text('interface', {required: true, ref: interfaceRef}),
				text('address-pool', {default: 'none'}),
				text('profile', {default: 'default'}),
				flag('invalid'),
				disabled,
				comment,
			],
		},
		{
			path: '/ip/firewall/address-list',
			logName: 'address list entry',
			verbs: listVerbs,
			fields: [
				text('list', {required: true}),
				{name: 'address', kind: 'host', required: true},
				{name: 'timeout', kind: 'duration'},
				status('creation-time'),
				dynamic,
				disabled,
				comment,
			],
			stamp: router => ({'creation-time': router.formatDate(router.now())}),
			unique: {fields: ['list', 'address'], message: 'failure: already have such entry'},
		},
	];
}
