import {SimRouter} from '../../../source/sim/router.js';
import {MemoryConnTrack} from './memory-conntrack.js';

/** A router on a hand-driven clock (starting 2024-01-02 13:45:00 UTC) with a small conntrack. */
export function makeRouter(version = '7.19.4', options: {ethernetPorts?: number; model?: string} = {}) {
	const clock = {ms: Date.UTC(2024, 0, 2, 13, 45, 0)};
	const conntrack = new MemoryConnTrack();
	const router = new SimRouter({version, conntrack, now: () => clock.ms, ...options});
	return {router, conntrack, clock};
}
