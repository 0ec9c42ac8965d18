import assert from 'node:assert/strict';
import {SimRouter} from '../../../source/sim/router.js';
import {MemoryConnTrack} from './memory-conntrack.js';

/** A router on a hand-driven clock (starting 2024-01-02 13:45:00 UTC) with a small conntrack. */
export function makeRouter(version = '7.19.4', options: {ethernetPorts?: number; model?: string} = {}) {
	const clock = {ms: Date.UTC(2024, 0, 2, 13, 45, 0)};
	const conntrack = new MemoryConnTrack();
	const router = new SimRouter({version, conntrack, now: () => clock.ms, ...options});
	return {router, conntrack, clock};
}

/** Runs a command that must succeed (a trap fails the test, naming the command) and returns `ret`. */
export function mustRun(router: SimRouter): (command: string, attributes: Record<string, string>) => string {
	return (command, attributes) => {
		const result = router.run(command, attributes);
		assert.deepEqual(result.traps, [], `${command} ${JSON.stringify(attributes)}`);
		return result.ret!;
	};
}
