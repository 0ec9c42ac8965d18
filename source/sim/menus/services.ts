import type {RouterState} from '../model/router-state.js';
import {atLeast} from '../model/version.js';
import {bool, comment, disabled, dynamic, flag, int, listVerbs, oneOf, status, text, type FieldSpec, type MenuSpec} from './spec.js';

/**
 * The services and settings every router has and exports list (DNS, DHCP server, pools,
 * services, cloud, SNMP, MAC server, neighbour discovery, proxy, UPnP, SSH): stored, printed
 * back and changed as a router does, with no traffic behaviour (docs/rsc-loader.md).
 */

const interfaceRef = {path: '/interface'};
const listRef = {path: '/interface/list'};

/** A menu of one row without `.id` (`/ip dns`): print and set. */
export function settings(path: string, fields: FieldSpec[], logName?: string): MenuSpec {
	return {path, singleton: true, verbs: ['print', 'getall', 'set', 'unset', 'listen'], fields, logName};
}

/** A named list (`/ip pool`): names unique, renames followed. */
export function named(path: string, fields: FieldSpec[], extra: Partial<MenuSpec> = {}): MenuSpec {
	return {
		path,
		key: 'name',
		duplicateMessage: 'failure: already have such name',
		verbs: listVerbs,
		fields: [text('name', {required: true}), ...fields],
		...extra,
	};
}

/** Rows a router starts with and a script may change but not remove (`/ip service`). */
function fixedRows(path: string, fields: FieldSpec[], rows: Array<Record<string, string>>, extra: Partial<MenuSpec> = {}): MenuSpec {
	return {
		path,
		key: 'name',
		verbs: ['print', 'getall', 'set', 'unset', 'enable', 'disable', 'listen'],
		fields: [status('name'), ...fields],
		builtin: () => rows.map(fields => ({fields})),
		...extra,
	};
}

function dnsMenus(router: RouterState): MenuSpec[] {
	const v7 = router.version.major >= 7;
	return [
		settings('/ip/dns', [
			text('servers', {default: ''}),
			status('dynamic-servers', ''),
			bool('allow-remote-requests', false),
			int('max-udp-packet-size', 50, 65507, {default: '4096'}),
			{name: 'query-server-timeout', kind: 'duration', default: '2s'},
			{name: 'query-total-timeout', kind: 'duration', default: '10s'},
			int('max-concurrent-queries', 0, 1000, {default: '100'}),
			int('max-concurrent-tcp-sessions', 0, 1000, {default: '20'}),
			text('cache-size', {default: '2048KiB'}),
			{name: 'cache-max-ttl', kind: 'duration', default: '1w'},
			...(v7 ? [text('use-doh-server', {default: ''}), bool('verify-doh-cert', false), text('address-list-extra-time', {default: '0s'}), text('vrf', {default: 'main'})] : []),
			status('cache-used', '20KiB'),
		], 'dns'),
		{
			path: '/ip/dns/cache',
			verbs: ['print', 'getall'],
			fields: [status('name'), status('address'), status('ttl')],
			actions: {flush: {changes: true, parameters: [], run: () => undefined}},
		},
		{
			path: '/ip/dns/static',
			logName: 'static dns entry',
			ordered: true,
			verbs: [...listVerbs, 'move'],
			fields: [
				text('name'),
				text('regexp'),
				{name: 'address', kind: 'string'},
				...(v7 ? [oneOf('type', ['A', 'AAAA', 'CNAME', 'FWD', 'MX', 'NS', 'NXDOMAIN', 'SRV', 'TXT'], {default: 'A'})] : []),
				text('cname'),
				text('forward-to'),
				text('text'),
				text('address-list'),
				bool('match-subdomain', false),
				{name: 'ttl', kind: 'duration', default: '1d'},
				dynamic,
				disabled,
				comment,
			],
			check: (_router, fields) => (fields.name === undefined && fields.regexp === undefined ? 'failure: name or regexp must be set' : undefined),
		},
	];
}

function dhcpServerMenus(router: RouterState): MenuSpec[] {
	const v7 = router.version.major >= 7;
	return [
		named('/ip/pool', [text('ranges', {required: true}), text('next-pool', {default: 'none'}), comment], {logName: 'pool'}),
		named(
			'/ip/dhcp-server',
			[
				text('interface', {required: true, ref: interfaceRef}),
				text('address-pool', {default: 'static-only', ref: {path: '/ip/pool', also: ['static-only']}}),
				{name: 'lease-time', kind: 'duration', default: v7 ? '30m' : '10m'},
				oneOf('authoritative', ['yes', 'no', 'after-2sec-delay', 'after-10sec-delay'], {default: 'yes'}),
				oneOf('bootp-support', ['none', 'static', 'dynamic'], {default: 'static'}),
				bool('add-arp', false),
				bool('always-broadcast', false),
				text('lease-script', {default: ''}),
				bool('conflict-detection', true),
				text('use-radius', {default: 'no'}),
				{name: 'relay', kind: 'ip'},
				{name: 'src-address', kind: 'ip'},
				text('delay-threshold', {default: 'none'}),
				text('dhcp-option-set'),
				text('server-address'),
				flag('invalid'),
				// A new server is disabled until told otherwise on RouterOS 6, which is why v6 exports say disabled=no.
				bool('disabled', !v7),
				comment,
			],
			{autoName: 'dhcp', logName: 'dhcp server'},
		),
		{
			path: '/ip/dhcp-server/network',
			logName: 'dhcp network',
			verbs: listVerbs,
			fields: [
				{name: 'address', kind: 'network', required: true},
				text('gateway'),
				int('netmask', 0, 32),
				text('dns-server'),
				text('ntp-server'),
				text('wins-server'),
				text('domain'),
				{name: 'next-server', kind: 'ip'},
				text('boot-file-name'),
				text('dhcp-option'),
				text('dhcp-option-set'),
				text('caps-manager'),
				bool('dns-none', false),
				comment,
			],
		},
		{
			path: '/ip/dhcp-server/lease',
			logName: 'dhcp lease',
			verbs: listVerbs,
			fields: [
				text('address', {required: true}),
				{name: 'mac-address', kind: 'mac'},
				text('client-id'),
				text('server', {default: 'all', ref: {path: '/ip/dhcp-server', also: ['all']}}),
				{name: 'lease-time', kind: 'duration', default: '0s'},
				text('address-lists'),
				text('dhcp-option'),
				text('rate-limit'),
				bool('block-access', false),
				bool('always-broadcast', false),
				text('insert-queue-before'),
				status('status', 'waiting'),
				status('host-name'),
				status('active-address'),
				flag('blocked'),
				dynamic,
				disabled,
				comment,
			],
		},
		named('/ip/dhcp-server/option', [int('code', 1, 254, {required: true}), text('value', {default: ''}), comment], {logName: 'dhcp option'}),
	];
}

/** The services a new router runs, with their ports. */
const services: Array<[string, number]> = [
	['telnet', 23], ['ftp', 21], ['www', 80], ['ssh', 22], ['www-ssl', 443], ['api', 8728], ['winbox', 8291], ['api-ssl', 8729],
];

function serviceRowMenus(router: RouterState): MenuSpec[] {
	const v7 = router.version.major >= 7;
	return [
		fixedRows(
			'/ip/service',
			[
				int('port', 1, 65535),
				text('address', {default: ''}),
				text('certificate', {default: 'none'}),
				oneOf('tls-version', ['any', 'only-1.2'], {default: 'any'}),
				...(v7 ? [text('vrf', {default: 'main'}), int('max-sessions', 1, 1000, {default: '20'})] : []),
				flag('invalid'),
				disabled,
			],
			services.map(([name, port]) => ({name, port: String(port)})),
			{logName: 'service'},
		),
		settings('/ip/cloud', [
			v7 ? oneOf('ddns-enabled', ['yes', 'no', 'auto'], {default: 'no'}) : bool('ddns-enabled', false),
			text('ddns-update-interval', {default: 'none'}),
			bool('update-time', true),
			...(v7 ? [text('back-to-home-vpn', {default: 'revoked-and-disabled'})] : []),
			status('public-address'),
			status('dns-name'),
			status('status', 'unknown'),
		], 'ip cloud'),
		settings('/snmp', [
			bool('enabled', false),
			text('contact', {default: ''}),
			text('location', {default: ''}),
			text('engine-id', {default: ''}),
			text('trap-target', {default: ''}),
			text('trap-community', {default: 'public'}),
			oneOf('trap-version', ['1', '2', '3'], {default: '1'}),
			text('trap-generators', {default: 'temp-exception'}),
			text('trap-interfaces', {default: ''}),
			text('src-address', {default: '::'}),
			...(v7 ? [text('vrf', {default: 'main'})] : []),
		], 'snmp'),
		named(
			'/snmp/community',
			[
				text('addresses', {default: '::/0'}),
				oneOf('security', ['none', 'authorized', 'private'], {default: 'none'}),
				bool('read-access', true),
				bool('write-access', false),
				oneOf('authentication-protocol', ['MD5', 'SHA1'], {default: 'MD5'}),
				oneOf('encryption-protocol', ['DES', 'AES'], {default: 'DES'}),
				text('authentication-password', {default: ''}),
				text('encryption-password', {default: ''}),
				flag('default'),
				disabled,
				comment,
			],
			{logName: 'snmp community', builtin: () => [{fields: {name: 'public', default: 'true'}}]},
		),
		settings('/tool/mac-server', [text('allowed-interface-list', {default: 'all', negatable: true, ref: listRef})], 'mac server'),
		settings('/tool/mac-server/mac-winbox', [text('allowed-interface-list', {default: 'all', negatable: true, ref: listRef})], 'mac winbox'),
		settings('/tool/mac-server/ping', [bool('enabled', true)]),
		settings('/tool/bandwidth-server', [
			bool('enabled', true), bool('authenticate', true), int('max-sessions', 1, 1000, {default: '100'}), int('allocate-udp-ports-from', 1000, 64000, {default: '2000'}),
		]),
		settings('/ip/neighbor/discovery-settings', [
			text('discover-interface-list', {default: v7 ? 'static' : 'all', negatable: true, ref: listRef}),
			...(v7 ? [
				{name: 'protocol', kind: 'list', values: ['cdp', 'lldp', 'mndp'], default: 'cdp,lldp,mndp'} as FieldSpec,
				oneOf('mode', ['rx-only', 'tx-only', 'tx-and-rx'], {default: 'tx-and-rx'}),
				text('lldp-med-net-policy-vlan', {default: 'disabled'}),
			] : []),
		]),
		settings('/ip/proxy', [
			bool('enabled', false),
			{name: 'src-address', kind: 'ip'},
			int('port', 1, 65535, {default: '8080'}),
			text('anonymous', {default: 'no'}),
			{name: 'parent-proxy', kind: 'ip'},
			int('parent-proxy-port', 0, 65535),
			text('cache-administrator', {default: 'webmaster'}),
			text('max-cache-size', {default: 'unlimited'}),
			text('max-cache-object-size', {default: '2048KiB'}),
			bool('cache-on-disk', false),
			int('max-client-connections', 1, 5000, {default: '600'}),
			int('max-server-connections', 1, 5000, {default: '600'}),
			{name: 'max-fresh-time', kind: 'duration', default: '3d'},
			bool('serialize-connections', false),
			bool('always-from-cache', false),
			text('cache-hit-dscp', {default: '4'}),
			text('cache-path', {default: 'web-proxy'}),
		], 'web proxy'),
		settings('/ip/upnp', [bool('enabled', false), bool('allow-disable-external-interface', false), bool('show-dummy-rule', true)]),
		settings('/ip/ssh', [
			bool('strong-crypto', false),
			int('host-key-size', 1024, 8192, {default: '2048'}),
			bool('always-allow-password-login', false),
			v7 ? oneOf('forwarding-enabled', ['no', 'local', 'remote', 'both'], {default: 'no'}) : bool('forwarding-enabled', false),
		]),
		settings('/ip/settings', [
			bool('ip-forward', true),
			bool('send-redirects', true),
			bool('accept-source-route', false),
			bool('accept-redirects', false),
			bool('secure-redirects', true),
			oneOf('rp-filter', ['no', 'strict', 'loose'], {default: 'no'}),
			bool('tcp-syncookies', false),
			int('max-neighbor-entries', 0, 1_000_000, {default: '8192'}),
			{name: 'arp-timeout', kind: 'duration', default: '30s'},
			int('icmp-rate-limit', 0, 10_000, {default: '10'}),
			text('icmp-rate-mask', {default: '0x1818'}),
			bool('allow-fast-path', true),
			...(v7 ? [oneOf('ipv4-multipath-hash-policy', ['l3', 'l3-inner', 'l4'], {default: 'l3'}), text('tcp-timestamps', {default: 'random-offset'})] : [bool('route-cache', true)]),
		]),
		{
			path: '/port',
			key: 'name',
			verbs: ['print', 'getall', 'set', 'listen'],
			fields: [
				text('name', {required: true}),
				text('baud-rate', {default: 'auto'}),
				int('data-bits', 5, 8, {default: '8'}),
				oneOf('parity', ['none', 'even', 'odd'], {default: 'none'}),
				int('stop-bits', 1, 2, {default: '1'}),
				oneOf('flow-control', ['none', 'hardware', 'xon-xoff'], {default: 'none'}),
				status('channels', '1'),
				status('used-by', 'Serial Console'),
				flag('inactive'),
			],
			builtin: () => [{fields: {name: 'serial0'}}],
		},
	];
}

/**
 * Before 6.41 neighbor discovery was switched per interface (`set ether1 discover=no`), one
 * row for every interface; 6.41 replaced it with discovery-settings and an interface list.
 */
function perInterfaceDiscovery(router: RouterState): MenuSpec[] {
	if (atLeast(router.version, 6, 41)) return [];
	return [{
		path: '/ip/neighbor/discovery',
		view: {path: '/interface', where: {}},
		key: 'name',
		logName: 'neighbor discovery',
		verbs: ['print', 'getall', 'set', 'unset', 'listen'],
		fields: [status('name'), bool('discover', true)],
	}];
}

/** DNS, DHCP server, pools, services and the settings menus, for the router's version. */
export function serviceMenus(router: RouterState): MenuSpec[] {
	return [...dnsMenus(router), ...dhcpServerMenus(router), ...serviceRowMenus(router), ...perInterfaceDiscovery(router)];
}
