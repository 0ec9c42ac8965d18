import type {RouterState} from '../model/router-state.js';
import {bool, comment, disabled, flag, int, listVerbs, oneOf, status, text, type MenuSpec} from './spec.js';
import {named, settings} from './services.js';

/** The logging actions and rules a new router has. */
const loggingActions = [
	{name: 'memory', target: 'memory'},
	{name: 'disk', target: 'disk'},
	{name: 'echo', target: 'echo'},
	{name: 'remote', target: 'remote'},
];
const loggingRules = [
	{topics: 'info', action: 'memory'},
	{topics: 'error', action: 'memory'},
	{topics: 'warning', action: 'memory'},
	{topics: 'critical', action: 'echo'},
];

const policies = 'ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon';

/** Clock, logging, scheduler, scripts, note and NTP client; the engine runs the scheduler (engine/scheduler.ts). */
export function systemConfigMenus(router: RouterState): MenuSpec[] {
	const v7 = router.version.major >= 7;
	return [
		settings('/system/clock', [
			status('time', () => new Date(router.now()).toISOString().slice(11, 19)),
			status('date', () => router.formatDate(router.now()).split(' ')[0]),
			bool('time-zone-autodetect', true),
			text('time-zone-name', {default: 'manual'}),
			status('gmt-offset', '+00:00'),
			flag('dst-active'),
		], 'system clock'),
		{
			path: '/system/logging',
			logName: 'logging rule',
			verbs: listVerbs,
			fields: [
				text('topics', {default: 'info'}),
				text('action', {default: 'memory', ref: {path: '/system/logging/action'}}),
				text('prefix', {default: ''}),
				...(v7 ? [text('regex', {default: ''})] : []),
				flag('default'),
				flag('invalid'),
				disabled,
				comment,
			],
			builtin: () => loggingRules.map(fields => ({fields: {...fields, default: 'true'}})),
		},
		named(
			'/system/logging/action',
			[
				oneOf('target', ['memory', 'disk', 'echo', 'remote', 'email'], {required: true}),
				int('memory-lines', 1, 65535, {default: '1000'}),
				bool('memory-stop-on-full', false),
				text('disk-file-name', {default: 'log'}),
				int('disk-lines-per-file', 1, 65535, {default: '1000'}),
				int('disk-file-count', 1, 65535, {default: '2'}),
				bool('disk-stop-on-full', false),
				bool('remember', true),
				text('remote', {default: '0.0.0.0'}),
				int('remote-port', 0, 65535, {default: '514'}),
				text('src-address', {default: '0.0.0.0'}),
				bool('bsd-syslog', false),
				text('syslog-facility', {default: 'daemon'}),
				text('syslog-severity', {default: 'auto'}),
				text('email-to', {default: ''}),
				bool('email-start-tls', false),
				...(v7
					? [
							text('syslog-time-format', {default: 'bsd-syslog'}),
							oneOf('remote-protocol', ['udp', 'tcp'], {default: 'udp'}),
							text('remote-log-format', {default: 'default'}),
							text('vrf', {default: 'main'}),
							text('cef-event-delimiter', {default: '\r\n'}),
						]
					: []),
				flag('default'),
			],
			{logName: 'logging action', builtin: () => loggingActions.map(fields => ({fields: {...fields, default: 'true'}}))},
		),
		named(
			'/system/scheduler',
			[
				text('start-date', {default: () => router.formatDate(router.now()).split(' ')[0]}),
				text('start-time', {default: 'startup'}),
				{name: 'interval', kind: 'duration', default: '0s'},
				text('on-event', {default: ''}),
				text('policy', {default: policies}),
				status('owner', 'admin'),
				status('run-count', '0'),
				status('next-run'),
				disabled,
				comment,
			],
			{logName: 'scheduler'},
		),
		named(
			'/system/script',
			[
				text('source', {default: ''}),
				text('policy', {default: policies}),
				bool('dont-require-permissions', false),
				text('owner', {default: 'admin'}),
				status('last-started'),
				status('run-count', '0'),
				flag('invalid'),
				comment,
			],
			{logName: 'script', verbs: ['print', 'getall', 'listen', 'add', 'set', 'unset', 'remove']},
		),
		settings('/system/note', [text('note', {default: ''}), bool('show-at-login', true), ...(v7 ? [bool('show-at-cli-login', false)] : [])], 'system note'),
		settings(
			'/system/ntp/client',
			v7
				? [
						bool('enabled', false),
						oneOf('mode', ['unicast', 'broadcast', 'multicast', 'manycast'], {default: 'unicast'}),
						text('servers', {default: ''}),
						text('vrf', {default: 'main'}),
						status('status', 'stopped'),
						status('freq-drift'),
					]
				: [
						bool('enabled', false),
						oneOf('mode', ['unicast', 'broadcast', 'multicast', 'manycast'], {default: 'unicast'}),
						{name: 'primary-ntp', kind: 'ip', default: '0.0.0.0'},
						{name: 'secondary-ntp', kind: 'ip', default: '0.0.0.0'},
						text('server-dns-names', {default: ''}),
						status('status', 'stopped'),
					],
			'ntp client',
		),
		...(v7
			? [
					{
						path: '/system/ntp/client/servers',
						logName: 'ntp server',
						verbs: listVerbs,
						fields: [text('address', {required: true}), bool('iburst', true), text('auth-key', {default: 'none'}), flag('dynamic'), disabled, comment],
					} satisfies MenuSpec,
				]
			: []),
	];
}
