import {formatDuration} from '../model/format.js';
import {atLeast, formatVersion} from '../model/version.js';
import type {RouterState} from '../model/router-state.js';
import {flag, status, text, type FieldSpec, type MenuSpec} from './spec.js';

/** `7.19.4 (stable)` as `/system/resource` prints it. */
export function versionText(router: RouterState): string {
	return `${formatVersion(router.version)} (stable)`;
}

function resource(router: RouterState): Record<string, string> {
	const {board} = router;
	const v7 = router.version.major >= 7;
	const used = Math.round(board.totalMemory * (0.18 + Math.min(router.conntrack.size, 1_000_000) / 4_000_000));
	return {
		// RouterOS prints uptime in whole seconds.
		uptime: formatDuration(Math.floor((router.now() - router.bootedAt) / 1000) * 1000),
		version: versionText(router),
		'build-time': router.formatDate(router.bootedAt - 30 * 86_400_000),
		...(v7 ? {'factory-software': '6.44.6'} : {}),
		'free-memory': String(board.totalMemory - used),
		'total-memory': String(board.totalMemory),
		cpu: board.cpu,
		'cpu-count': String(board.cpuCount),
		'cpu-frequency': String(board.cpuFrequencyMhz),
		// One of the CPUs walks tables for the API (pccmon's counts among them).
		'cpu-load': String(Math.min(100, Math.round(router.cpuLoad + (100 * router.walks.busyShare()) / board.cpuCount))),
		'free-hdd-space': String(Math.round(board.totalHdd * 0.6)),
		'total-hdd-space': String(board.totalHdd),
		'write-sect-since-reboot': '1024',
		'write-sect-total': '204800',
		...(atLeast(router.version, 6, 40) ? {'bad-blocks': '0'} : {}),
		'architecture-name': board.architecture,
		'board-name': board.name,
		platform: 'MikroTik',
	};
}

/** What `/system/routerboard` prints: every property declared, so queries know their kinds. */
function routerboardFields(): FieldSpec[] {
	return [
		flag('routerboard', 'true'),
		status('board-name', router => router.board.name),
		status('model', router => router.board.model),
		status('serial-number', router => router.board.serialNumber),
		status('firmware-type', 'mt7621L'),
		status('factory-firmware', '6.44.6'),
		status('current-firmware', router => formatVersion(router.version)),
		status('upgrade-firmware', router => formatVersion(router.version)),
	];
}

/** How long a router takes from `/system/reboot` to dropping its connections: its `!done` gets out. */
const rebootDelayMs = 100;

export function systemMenus(): MenuSpec[] {
	return [
		{
			path: '/system/identity',
			singleton: true,
			verbs: ['print', 'getall', 'set', 'listen'],
			fields: [text('name', {default: 'MikroTik'})],
			logName: 'system identity',
		},
		{
			path: '/system/resource',
			singleton: true,
			verbs: ['print', 'getall'],
			fields: [],
			computed: router => resource(router),
		},
		{
			path: '/system/routerboard',
			singleton: true,
			verbs: ['print', 'getall'],
			fields: routerboardFields(),
		},
		{
			// The reboot policy is the read group's too, so it is not a change the read group is refused.
			path: '/system',
			verbs: [],
			fields: [],
			actions: {
				reboot: {
					changes: false,
					parameters: [],
					run: router => {
						setTimeout(() => void router.onRebootRequest(), rebootDelayMs).unref();
						return undefined;
					},
				},
			},
		},
		{
			path: '/log',
			verbs: ['print', 'getall', 'listen'],
			fields: [status('time'), status('topics'), status('message')],
			actions: Object.fromEntries(
				['debug', 'error', 'info', 'warning'].map(level => [
					level,
					{
						changes: true,
						parameters: ['message'],
						run: (router, attributes) => {
							router.log(`script,${level}`, attributes.message ?? '');
							return undefined;
						},
					},
				]),
			),
		},
	];
}
