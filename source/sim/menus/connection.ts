import type {RouterState} from '../model/router-state.js';
import {flag, oneOf, status, type FieldSpec, type MenuSpec} from './spec.js';

/** The connection table's yes/no properties (ConnTrackStore.format prints them). */
const connectionFlags = ['expected', 'seen-reply', 'assured', 'confirmed', 'dying', 'fasttrack', 'hw-offload', 'srcnat', 'dstnat'];

function timeout(name: string, fallback: string): FieldSpec {
	return {name, kind: 'duration', default: fallback};
}

export function connectionMenus(router: RouterState): MenuSpec[] {
	const v7 = router.version.major >= 7;
	return [
		{
			path: '/ip/firewall/connection',
			conntrack: true,
			logName: 'connection',
			verbs: ['print', 'getall', 'remove'],
			// Rows come from the connection table; declared here are the kinds queries compare by.
			fields: connectionFlags.map(name => flag(name)),
		},
		{
			path: '/ip/firewall/connection/tracking',
			singleton: true,
			logName: 'connection tracking',
			verbs: ['print', 'getall', 'set'],
			fields: [
				oneOf('enabled', ['auto', 'yes', 'no'], {default: 'auto'}),
				status('active-ipv4', 'yes'),
				oneOf('loose-tcp-tracking', ['yes', 'no'], {default: 'yes'}),
				timeout('tcp-syn-sent-timeout', '5s'),
				timeout('tcp-syn-received-timeout', '5s'),
				timeout('tcp-established-timeout', '1d'),
				timeout('tcp-fin-wait-timeout', '10s'),
				timeout('tcp-close-wait-timeout', v7 ? '1m' : '10s'),
				timeout('tcp-last-ack-timeout', '10s'),
				timeout('tcp-time-wait-timeout', '10s'),
				timeout('tcp-close-timeout', '10s'),
				timeout('tcp-max-retrans-timeout', '5m'),
				timeout('tcp-unacked-timeout', '5m'),
				timeout('udp-timeout', v7 ? '30s' : '10s'),
				timeout('udp-stream-timeout', '3m'),
				timeout('icmp-timeout', '10s'),
				timeout('generic-timeout', '10m'),
				status('max-entries', '1048576'),
				status('total-entries', () => String(router.conntrack.size)),
			],
		},
	];
}
