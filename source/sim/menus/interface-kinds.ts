import type {RouterState} from '../model/router-state.js';
import {common} from './interfaces.js';
import {bool, comment, disabled, flag, int, listVerbs, oneOf, status, text, type FieldSpec, type MenuSpec} from './spec.js';
import {named} from './services.js';

/**
 * The other kinds of interface exports create (bonding, VRRP, tunnels, VPN clients, LTE,
 * wireless, containers' veth): rows of `/interface` with their type, so rules, addresses and
 * lists can name them. They carry no traffic of their own in the simulator.
 */

const interfaceRef = {path: '/interface'};

interface Kind {
	path: string;
	type: string;
	autoName?: string;
	fields: FieldSpec[];
	/** Ports the hardware has (wlan1, lte1): set, never added. */
	hardware?: boolean;
	settableMac?: boolean;
	mtu?: string;
	check?: MenuSpec['check'];
}

function kindMenu(kind: Kind): MenuSpec {
	return {
		path: kind.path,
		view: {path: '/interface', where: {type: kind.type}},
		key: 'name',
		duplicateMessage: 'already have interface with such name',
		autoName: kind.autoName,
		logName: kind.path.split('/').at(-1),
		verbs: kind.hardware ? ['print', 'getall', 'listen', 'set', 'unset', 'enable', 'disable', 'reset-counters'] : listVerbs,
		fields: [
			...common(kind.settableMac).map(field => (field.name === 'mtu' && kind.mtu ? {...field, default: kind.mtu} : field)),
			...(kind.hardware ? [status('default-name')] : []),
			...kind.fields,
			disabled,
			comment,
		],
		check: kind.check,
	};
}

const tunnel: FieldSpec[] = [
	{name: 'local-address', kind: 'ip'},
	{name: 'remote-address', kind: 'ip', required: true},
	text('keepalive', {default: '10s,10'}),
	text('ipsec-secret'),
	bool('clamp-tcp-mss', true),
	oneOf('dont-fragment', ['inherit', 'no'], {default: 'no'}),
	bool('allow-fast-path', true),
	text('dscp', {default: 'inherit'}),
];

/** What PPP-based VPN clients (l2tp, sstp, ovpn) share with the PPPoE client. */
function pppClient(port?: number): FieldSpec[] {
	return [
		text('connect-to', {required: true}),
		...(port === undefined ? [] : [int('port', 1, 65535, {default: String(port)})]),
		text('user', {default: ''}),
		text('password', {default: ''}),
		text('profile', {default: 'default-encryption', ref: {path: '/ppp/profile'}}),
		bool('add-default-route', false),
		int('default-route-distance', 0, 255, {default: '1'}),
		bool('dial-on-demand', false),
		bool('use-peer-dns', false),
		text('keepalive-timeout', {default: '60'}),
		text('max-mtu', {default: 'auto'}),
		text('max-mru', {default: 'auto'}),
		text('mrru', {default: 'disabled'}),
		text('allow', {default: 'pap,chap,mschap1,mschap2'}),
	];
}

function slavesExist(router: RouterState, fields: Record<string, string>): string | undefined {
	const slaves = (fields.slaves ?? '').split(',').filter(Boolean);
	return slaves.every(name => router.findByName('/interface', name)) ? undefined : 'input does not match any value of slaves';
}

export function interfaceKindMenus(router: RouterState): MenuSpec[] {
	const v7 = router.version.major >= 7;
	const kinds: Kind[] = [
		{
			path: '/interface/bonding', type: 'bond', autoName: 'bonding', settableMac: true,
			fields: [
				text('slaves', {required: true}),
				oneOf('mode', ['802.3ad', 'active-backup', 'balance-alb', 'balance-rr', 'balance-tlb', 'balance-xor', 'broadcast'], {default: 'balance-rr'}),
				oneOf('transmit-hash-policy', ['layer-2', 'layer-2-and-3', 'layer-3-and-4'], {default: 'layer-2'}),
				oneOf('lacp-rate', ['30secs', '1sec'], {default: '30secs'}),
				oneOf('link-monitoring', ['arp', 'mii', 'none'], {default: 'mii'}),
				text('mii-interval', {default: '100ms'}),
				text('primary', {default: 'none'}),
				text('up-delay', {default: '0ms'}),
				text('down-delay', {default: '0ms'}),
				int('min-links', 0, 16, {default: '0'}),
				oneOf('arp', ['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'], {default: 'enabled'}),
			],
			check: slavesExist,
		},
		{
			path: '/interface/vrrp', type: 'vrrp', autoName: 'vrrp',
			fields: [
				text('interface', {required: true, ref: interfaceRef}),
				int('vrid', 1, 255, {default: '1'}),
				int('priority', 1, 254, {default: '100'}),
				text('interval', {default: '1s'}),
				oneOf('version', ['2', '3'], {default: '3'}),
				oneOf('authentication', ['none', 'simple', 'ah'], {default: 'none'}),
				text('password', {default: ''}),
				bool('preemption-mode', true),
				oneOf('v3-protocol', ['ipv4', 'ipv6'], {default: 'ipv4'}),
				text('on-master', {default: ''}),
				text('on-backup', {default: ''}),
				text('group-master'),
			],
		},
		{
			path: '/interface/eoip', type: 'eoip', autoName: 'eoip-tunnel', settableMac: true, mtu: 'auto',
			fields: [...tunnel, int('tunnel-id', 0, 65535, {required: true}), oneOf('arp', ['disabled', 'enabled', 'proxy-arp', 'reply-only'], {default: 'enabled'})],
		},
		{path: '/interface/gre', type: 'gre', autoName: 'gre-tunnel', mtu: 'auto', fields: tunnel},
		{path: '/interface/ipip', type: 'ipip', autoName: 'ipip-tunnel', mtu: 'auto', fields: tunnel},
		{
			path: '/interface/l2tp-client', type: 'l2tp-out', autoName: 'l2tp-out',
			fields: [...pppClient(), bool('use-ipsec', false), text('ipsec-secret', {default: ''}), ...(v7 ? [text('l2tp-proto-version', {default: 'l2tpv2'})] : [])],
		},
		{
			path: '/interface/sstp-client', type: 'sstp-out', autoName: 'sstp-out',
			fields: [
				...pppClient(443),
				text('authentication', {default: 'pap,chap,mschap1,mschap2'}),
				text('http-proxy', {default: '::'}),
				int('proxy-port', 0, 65535, {default: '443'}),
				text('certificate', {default: 'none'}),
				bool('verify-server-certificate', false),
				bool('verify-server-address-from-certificate', true),
				oneOf('tls-version', ['any', 'only-1.2', 'only-1.3'], {default: 'any'}),
				bool('pfs', false),
				text('ciphers', {default: 'aes256-sha'}),
				bool('add-sni', false),
			],
		},
		{
			path: '/interface/ovpn-client', type: 'ovpn-out', autoName: 'ovpn-out', settableMac: true,
			fields: [
				...pppClient(1194),
				oneOf('mode', ['ip', 'ethernet'], {default: 'ip'}),
				oneOf('protocol', ['tcp', 'udp'], {default: 'tcp'}),
				text('certificate', {default: 'none'}),
				bool('verify-server-certificate', false),
				text('cipher', {default: 'blowfish128,aes128-cbc'}),
				text('auth', {default: 'sha1'}),
				bool('route-nopull', false),
				oneOf('tls-version', ['any', 'only-1.2'], {default: 'any'}),
			],
		},
		{
			path: '/interface/lte', type: 'lte', hardware: true,
			fields: [
				text('apn-profiles', {default: 'default'}),
				text('apn'),
				bool('allow-roaming', false),
				text('band', {default: ''}),
				text('network-mode'),
				text('sms-read'),
				text('pin'),
				text('modem-init'),
			],
		},
		{
			path: '/interface/wireless', type: 'wlan', settableMac: true,
			fields: [
				text('master-interface'),
				text('ssid', {default: 'MikroTik'}),
				text('mode', {default: 'ap-bridge'}),
				text('band'),
				text('channel-width', {default: '20mhz'}),
				text('frequency', {default: 'auto'}),
				text('country', {default: 'etsi'}),
				text('installation', {default: 'any'}),
				text('distance', {default: 'dynamic'}),
				text('wireless-protocol', {default: 'any'}),
				text('security-profile', {default: 'default', ref: {path: '/interface/wireless/security-profiles'}}),
				text('wps-mode'),
				text('antenna-gain'),
				text('tx-power'),
				text('tx-power-mode'),
				text('frequency-mode'),
				text('skip-dfs-channels'),
				text('basic-rates-a/g'),
				text('basic-rates-b'),
				bool('default-forwarding', true),
				bool('hide-ssid', false),
				status('default-name'),
			],
		},
		...(v7
			? [
					{
						path: '/interface/wifi', type: 'wifi', settableMac: true,
						fields: [
							text('master-interface'),
							text('configuration'),
							text('security'),
							text('channel'),
							...['ssid', 'country', 'mode', 'manager', 'antenna-gain', 'tx-power'].map(name => text(`configuration.${name}`)),
							...['authentication-types', 'passphrase', 'ft', 'ft-over-ds', 'wps'].map(name => text(`security.${name}`)),
							...['band', 'width', 'frequency', 'skip-dfs-channels'].map(name => text(`channel.${name}`)),
							status('default-name'),
						],
					} satisfies Kind,
					{
						path: '/interface/veth', type: 'veth', autoName: 'veth',
						fields: [text('address'), text('gateway'), text('gateway6'), text('container-mac-address')],
					} satisfies Kind,
					{
						path: '/interface/wireguard', type: 'wg', autoName: 'wireguard', mtu: '1420',
						fields: [int('listen-port', 1, 65535), text('private-key'), status('public-key', (_router, item) => publicKey(item.fields['private-key'] ?? item.fields.name ?? ''))],
					} satisfies Kind,
				]
			: []),
	];
	return [
		...kinds.map(kindMenu),
		...(v7 ? [wireguardPeers()] : []),
		named(
			'/interface/wireless/security-profiles',
			[
				oneOf('mode', ['none', 'static-keys-required', 'static-keys-optional', 'dynamic-keys'], {default: 'none'}),
				text('authentication-types', {default: ''}),
				text('unicast-ciphers', {default: 'aes-ccm'}),
				text('group-ciphers', {default: 'aes-ccm'}),
				text('wpa-pre-shared-key', {default: ''}),
				text('wpa2-pre-shared-key', {default: ''}),
				text('supplicant-identity', {default: ''}),
				text('management-protection', {default: 'disabled'}),
				flag('default'),
				comment,
			],
			{logName: 'security profile', builtin: () => [{fields: {name: 'default', default: 'true'}}]},
		),
		{
			path: '/interface/lte/apn',
			key: 'name',
			logName: 'lte apn',
			verbs: listVerbs,
			fields: [
				text('name', {required: true}),
				text('apn', {default: 'internet'}),
				bool('add-default-route', true),
				int('default-route-distance', 0, 255, {default: '2'}),
				bool('use-peer-dns', true),
				oneOf('authentication', ['none', 'pap', 'chap'], {default: 'none'}),
				text('user', {default: ''}),
				text('password', {default: ''}),
				oneOf('ip-type', ['auto', 'ipv4', 'ipv6', 'ipv4-ipv6'], {default: 'auto'}),
				bool('use-network-apn', true),
				text('passthrough-interface'),
				flag('default'),
				comment,
			],
			builtin: () => [{fields: {name: 'default', default: 'true'}}],
		},
	];
}

function wireguardPeers(): MenuSpec {
	return {
		path: '/interface/wireguard/peers',
		logName: 'wireguard peer',
		verbs: listVerbs,
		fields: [
			text('name'),
			text('interface', {required: true, ref: {path: '/interface', where: {type: 'wg'}}}),
			text('public-key', {required: true}),
			text('allowed-address', {default: ''}),
			text('endpoint-address', {default: ''}),
			int('endpoint-port', 0, 65535, {default: '0'}),
			text('persistent-keepalive'),
			text('preshared-key'),
			bool('responder', false),
			text('client-address'),
			text('client-dns'),
			status('current-endpoint-address'),
			status('last-handshake'),
			status('rx', '0'),
			status('tx', '0'),
			disabled,
			comment,
		],
	};
}

/** A stable stand-in for the key RouterOS derives from the private key (44 base64 characters). */
function publicKey(seed: string): string {
	let hash = 2166136261;
	const bytes: number[] = [];
	for (let index = 0; index < 32; index++) {
		hash = Math.imul(hash ^ (seed.charCodeAt(index % Math.max(seed.length, 1)) || index), 16777619) >>> 0;
		bytes.push(hash & 0xff);
	}
	return Buffer.from(bytes).toString('base64');
}
