import type {RouterState} from '../model/router-state.js';
import {bool, comment, disabled, dynamic, flag, int, listVerbs, oneOf, status, text, type MenuSpec} from './spec.js';
import {named} from './services.js';

/** The queue types a new router has, in the order print numbers them. */
const builtinTypes: Array<Record<string, string>> = [
	{name: 'default', kind: 'pfifo'},
	{name: 'ethernet-default', kind: 'pfifo'},
	{name: 'wireless-default', kind: 'sfq'},
	{name: 'synchronous-default', kind: 'red'},
	{name: 'hotspot-default', kind: 'sfq'},
	{name: 'pcq-upload-default', kind: 'pcq', 'pcq-classifier': 'src-address'},
	{name: 'pcq-download-default', kind: 'pcq', 'pcq-classifier': 'dst-address'},
	{name: 'only-hardware-queue', kind: 'none'},
	{name: 'multi-queue-ethernet-default', kind: 'mq-pfifo'},
	{name: 'default-small', kind: 'pfifo'},
];

const pcqFields = ['pcq-rate', 'pcq-limit', 'pcq-total-limit', 'pcq-burst-rate', 'pcq-burst-threshold', 'pcq-burst-time']
	.concat(['pcq-src-address-mask', 'pcq-dst-address-mask', 'pcq-src-address6-mask', 'pcq-dst-address6-mask']);
const cakeFields = ['cake-ack-filter', 'cake-atm', 'cake-autorate-ingress', 'cake-bandwidth', 'cake-diffserv', 'cake-flowmode']
	.concat(['cake-memlimit', 'cake-mpu', 'cake-nat', 'cake-overhead', 'cake-overhead-scheme', 'cake-rtt', 'cake-rtt-scheme', 'cake-wash']);
const otherFields = ['pfifo-limit', 'bfifo-limit', 'mq-pfifo-limit', 'red-limit', 'red-min-threshold', 'red-max-threshold']
	.concat(['red-burst', 'red-avg-packet', 'sfq-perturb', 'sfq-allot', 'fq-codel-limit', 'fq-codel-quantum', 'fq-codel-target'])
	.concat(['fq-codel-interval', 'fq-codel-flows', 'fq-codel-ecn', 'fq-codel-memlimit']);

/** A queue references a type by name; `a/b` names the upload and download types. */
function typesExist(router: RouterState, text: string | undefined): boolean {
	return text === undefined || text.split('/').every(name => router.findByName('/queue/type', name) !== undefined);
}

/**
 * Queues: stored, printed and referenced (types by name, parents by name or interface) as a
 * router does; they shape nothing in the simulator.
 */
export function queueMenus(router: RouterState): MenuSpec[] {
	const v7 = router.version.major >= 7;
	const shared = [
		text('max-limit', {default: v7 ? '0/0' : '0/0'}),
		text('limit-at', {default: '0/0'}),
		text('burst-limit', {default: '0/0'}),
		text('burst-threshold', {default: '0/0'}),
		text('burst-time', {default: '0s/0s'}),
		text('bucket-size', {default: '0.1/0.1'}),
		text('priority', {default: '8/8'}),
	];
	return [
		named(
			'/queue/type',
			[
				oneOf('kind', ['bfifo', 'cake', 'fq-codel', 'mq-pfifo', 'none', 'pcq', 'pfifo', 'red', 'sfq'], {required: true}),
				{name: 'pcq-classifier', kind: 'list', values: ['src-address', 'dst-address', 'src-port', 'dst-port']},
				...[...pcqFields, ...cakeFields, ...otherFields].map(name => text(name)),
				flag('default'),
			],
			{logName: 'queue type', builtin: () => builtinTypes.map(fields => ({fields: {...fields, default: 'true'}}))},
		),
		named(
			'/queue/simple',
			[
				text('target', {default: ''}),
				text('dst', {default: ''}),
				...shared,
				text('packet-marks', {default: ''}),
				text('parent', {default: 'none'}),
				text('queue', {default: 'default-small/default-small'}),
				text('total-queue', {default: 'default-small'}),
				text('time', {default: ''}),
				status('rate', '0/0'),
				status('bytes', '0/0'),
				status('packets', '0/0'),
				flag('invalid'),
				dynamic,
				disabled,
				comment,
			],
			{
				autoName: 'queue',
				logName: 'simple queue',
				ordered: true,
				verbs: [...listVerbs, 'move', 'reset-counters', 'reset-counters-all'],
				check: (state, fields) => {
					if (!typesExist(state, fields.queue) || !typesExist(state, fields['total-queue'])) return 'input does not match any value of queue';
					const parent = fields.parent;
					if (parent !== undefined && parent !== 'none' && !state.findByName('/queue/simple', parent)) return 'input does not match any value of parent';
					return undefined;
				},
			},
		),
		named(
			'/queue/tree',
			[
				text('parent', {required: true}),
				text('packet-mark', {default: ''}),
				text('queue', {default: 'default-small'}),
				int('priority', 1, 8, {default: '8'}),
				text('limit-at', {default: '0'}),
				text('max-limit', {default: '0'}),
				text('burst-limit', {default: '0'}),
				text('burst-threshold', {default: '0'}),
				{name: 'burst-time', kind: 'duration', default: '0s'},
				text('bucket-size', {default: '0.1'}),
				status('rate', '0'),
				flag('invalid'),
				disabled,
				comment,
			],
			{
				logName: 'queue tree',
				verbs: [...listVerbs, 'reset-counters', 'reset-counters-all'],
				check: (state, fields) => {
					if (!typesExist(state, fields.queue)) return 'input does not match any value of queue';
					const parent = fields.parent ?? '';
					const known = parent === 'global' || state.findByName('/interface', parent) || state.findByName('/queue/tree', parent);
					return known ? undefined : 'input does not match any value of parent';
				},
			},
		),
		{
			path: '/queue/interface',
			view: {path: '/interface', where: {}},
			key: 'name',
			verbs: ['print', 'getall', 'set', 'listen'],
			fields: [status('name'), text('queue', {default: 'only-hardware-queue'}), bool('active-queue-default', true)],
		},
	];
}
