import {atLeast} from '../model/version.js';
import type {RouterState} from '../model/router-state.js';
import {comment, disabled, int, listVerbs, oneOf, status, text, type MenuSpec} from './spec.js';

/** The 7.x probe settings (counts, sizes and the thresholds a probe fails at); stored as written. */
const probeSettings = ['http-codes', 'packet-count', 'packet-interval', 'packet-size', 'start-delay', 'startup-delay']
	.concat(['thr-loss-percent', 'thr-loss-count', 'thr-avg', 'thr-max', 'thr-jitter', 'thr-stdev', 'thr-tcp-conn-time', 'thr-http-time'])
	.concat(['dns-server', 'record-type', 'http-method', 'accept-icmp-time-exceeded']);

export function netwatchMenus(router: RouterState): MenuSpec[] {
	const v7 = router.version.major >= 7;
	const probes = ['done-tests', 'failed-tests', 'loss-count', 'loss-percent']
		.concat(['rtt-avg', 'rtt-min', 'rtt-max', 'rtt-jitter', 'rtt-stdev']);
	return [
		{
			path: '/tool/netwatch',
			logName: 'netwatch',
			verbs: listVerbs,
			fields: [
				...(atLeast(router.version, 7, 14) ? [text('name')] : []),
				{name: 'host', kind: 'ip', required: true},
				...(v7 ? [oneOf('type', ['simple', 'icmp', 'tcp-conn', 'http-get', 'https-get', 'dns'], {default: 'simple'})] : []),
				{name: 'interval', kind: 'duration', default: v7 ? '10s' : '1m'},
				{name: 'timeout', kind: 'duration', default: '1s'},
				...(v7 ? [{name: 'src-address', kind: 'ip'} as const, int('port', 0, 65535)] : []),
				text('up-script', {default: ''}),
				text('down-script', {default: ''}),
				...(v7 ? [text('test-script', {default: ''}), ...probeSettings.map(name => text(name))] : []),
				status('status', 'unknown'),
				status('since'),
				...(v7 ? probes.map(name => status(name)) : []),
				disabled,
				comment,
			],
		},
	];
}
