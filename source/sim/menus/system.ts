import {formatDuration} from '../api/format.js';
import {atLeast, formatVersion} from '../model/version.js';
import type {SimRouter} from '../router.js';
import {flag, status, text, type FieldSpec, type MenuSpec} from './spec.js';

/** What `/system/resource` and `/system/routerboard` describe. */
export interface Board {
	name: string;
	model: string;
	serialNumber: string;
	architecture: string;
	cpu: string;
	cpuCount: number;
	cpuFrequencyMhz: number;
	totalMemory: number;
	totalHdd: number;
}

export const defaultBoard: Board = {
	name: 'hEX',
	model: 'RB750Gr3',
	serialNumber: 'HD10A1B2C3D',
	architecture: 'mmips',
	cpu: 'MT7621',
	cpuCount: 4,
	cpuFrequencyMhz: 880,
	totalMemory: 268_435_456,
	totalHdd: 16_777_216,
};

/** Boards exports name in their `# model =` header, with how many ethernet ports they have. */
const knownBoards: Record<string, Partial<Board> & {ports: number}> = {
	RB750Gr3: {name: 'hEX', ports: 5},
	RB760iGS: {name: 'hEX S', ports: 5, cpu: 'MT7621'},
	'RB5009UG+S+': {name: 'RB5009UG+S+', ports: 8, architecture: 'arm64', cpu: 'ARM64', totalMemory: 1_073_741_824},
	'RB4011iGS+': {name: 'RB4011iGS+', ports: 10, architecture: 'arm', cpu: 'ARMv7', totalMemory: 1_073_741_824},
	'CCR2004-16G-2S+': {name: 'CCR2004-16G-2S+', ports: 16, architecture: 'arm64', cpu: 'ARM64', totalMemory: 4_294_967_296},
	'CCR2116-12G-4S+': {name: 'CCR2116-12G-4S+', ports: 13, architecture: 'arm64', cpu: 'ARM64', totalMemory: 4_294_967_296},
	'CCR1036-12G-4S': {name: 'CCR1036-12G-4S', ports: 12, architecture: 'tile', cpu: 'tilegx', totalMemory: 4_294_967_296},
};

/**
 * The board for a model name and its ethernet port count; an unknown model keeps the default
 * board's figures but its name, with eight ports so most exports find their interfaces.
 */
export function boardForModel(model: string): {board: Partial<Board>; ethernetPorts: number} {
	const known = knownBoards[model];
	if (!known) return {board: {name: model, model}, ethernetPorts: 8};
	const {ports, ...board} = known;
	return {board: {...board, model}, ethernetPorts: ports};
}

/** `7.19.4 (stable)` as `/system/resource` prints it. */
export function versionText(router: SimRouter): string {
	return `${formatVersion(router.version)} (stable)`;
}

function resource(router: SimRouter): Record<string, string> {
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
