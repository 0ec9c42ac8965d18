import {formatVersion} from '../model/version.js';
import type {Fields} from '../model/item.js';
import type {RouterState} from '../model/router-state.js';
import {torch} from './monitor-commands.js';
import {comment, disabled, flag, listVerbs, oneOf, status, text, type FieldSpec, type MenuSpec} from './spec.js';

/**
 * Menus monitoring tools read on every router (docs/simulator-api.md, monitoring menus):
 * what is installed, the hardware's health, who is logged in, neighbours, pools and PPP
 * sessions in use. Where nothing of the kind exists on the simulated router the menu is
 * present and empty, as on a router with nothing configured.
 */

/** RouterOS 6 installs a bundle and its parts; 7 is one package. */
function packages(router: RouterState): Fields[] {
	if (router.version.major >= 7) return [{name: 'routeros'}];
	const parts = ['system', 'ipv6', 'wireless', 'hotspot', 'mpls', 'routing', 'ppp', 'dhcp', 'security', 'advanced-tools'];
	return [{name: `routeros-${router.board.architecture}`}, ...parts.map(name => ({name}))];
}

function buildTime(router: RouterState): string {
	return router.formatDate(router.bootedAt - 30 * 86_400_000);
}

function statusOnly(names: readonly string[]): FieldSpec[] {
	return names.map(name => status(name));
}

/** Menus listing what others set up (neighbours, pool leases, PPP sessions): read-only. */
function listing(path: string, fields: FieldSpec[], extra: Partial<MenuSpec> = {}): MenuSpec {
	return {path, verbs: ['print', 'getall', 'listen'], fields, ...extra};
}

export function monitoringMenus(router: RouterState): MenuSpec[] {
	const v7 = router.version.major >= 7;
	return [
		{
			path: '/system/package',
			key: 'name',
			verbs: ['print', 'getall'],
			fields: [
				text('name'),
				status('version', state => formatVersion(state.version)),
				status('build-time', buildTime),
				status('scheduled', ''),
				flag('disabled'),
			],
			initial: packages,
		},
		{
			path: '/system/package/update',
			singleton: true,
			logName: 'package update',
			verbs: ['print', 'getall', 'set'],
			fields: [
				oneOf('channel', ['stable', 'long-term', 'testing', 'development'], {default: 'stable'}),
				status('installed-version', state => formatVersion(state.version)),
				status('latest-version'),
				status('status'),
			],
			actions: {
				// The simulated router is always on its channel's newest version.
				'check-for-updates': {
					changes: false,
					parameters: ['once', 'duration'],
					run: state => {
						const [update] = state.rows('/system/package/update');
						state.update('/system/package/update', update.id, {
							'latest-version': formatVersion(state.version),
							status: 'System is already up to date',
						});
						return undefined;
					},
				},
			},
		},
		v7
			? {
					path: '/system/health',
					verbs: ['print', 'getall'],
					fields: [status('name'), status('value'), status('type')],
					initial: () => [
						{name: 'voltage', value: '24.1', type: 'V'},
						{name: 'temperature', value: '41', type: 'C'},
					],
				}
			: {
					path: '/system/health',
					singleton: true,
					verbs: ['print', 'getall'],
					fields: [status('voltage', '24.1'), status('temperature', '41')],
				},
		{
			path: '/system/resource/cpu',
			verbs: ['print', 'getall'],
			fields: [
				status('cpu'),
				status('load', state => String(Math.round(state.cpuLoad))),
				status('irq', '0'),
				status('disk', '0'),
			],
			initial: state => Array.from({length: state.board.cpuCount}, (_value, index) => ({cpu: `cpu${index}`})),
		},
		listing('/user/active', [
			status('when'),
			status('name'),
			status('address'),
			status('via'),
			status('group'),
			flag('radius'),
		]),
		listing(
			'/ip/neighbor',
			statusOnly(['interface', 'address', 'mac-address', 'identity', 'platform', 'version', 'board', 'uptime', 'interface-name', 'system-caps', 'system-caps-enabled', 'discovered-by']),
		),
		listing('/ip/pool/used', statusOnly(['pool', 'address', 'owner', 'info'])),
		listing(
			'/ppp/active',
			[
				...statusOnly(['name', 'service', 'caller-id', 'address', 'uptime', 'encoding', 'session-id', 'limit-bytes-in', 'limit-bytes-out']),
				flag('radius'),
			],
			{verbs: ['print', 'getall', 'listen', 'remove']},
		),
		{path: '/tool', verbs: [], fields: [], actions: {torch}},
		{
			path: '/ip/proxy/access',
			ordered: true,
			logName: 'proxy access rule',
			verbs: [...listVerbs, 'move'],
			fields: [
				{name: 'src-address', kind: 'address', negatable: true},
				{name: 'dst-address', kind: 'address', negatable: true},
				{name: 'dst-port', kind: 'ports', negatable: true},
				text('local-port'),
				text('dst-host'),
				text('path'),
				text('method'),
				oneOf('action', ['allow', 'deny'], {default: 'allow'}),
				text('redirect-to'),
				status('hits', '0'),
				disabled,
				comment,
			],
		},
	];
}
