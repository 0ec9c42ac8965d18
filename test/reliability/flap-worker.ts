/*
 * Run in a child process with --expose-gc by flapping.test.ts: the monitor's loop against a
 * router that reboots over and over, with backoff compressed. Prints one JSON line with the
 * heap in use (after a full GC) once warmed up and at the end, and what was left open.
 */
import {startSim} from '../../source/sim/index.js';
import {activeResources, resourcesBack, startMonitor} from './monitor-harness.js';

const cycles = Number(process.argv[2] ?? 430);
// Warm up past the point where the event list reaches its cap (about three events a reboot):
// until then it grows by design. Then measure over many cycles, so the few hundred KB a busy
// machine leaves in flight at either end count for little per cycle.
const warmup = Math.max(Math.floor(cycles / 2), cycles - 250);
const gc = (globalThis as {gc?: () => void}).gc;
if (!gc) throw new Error('run with --expose-gc');

function heapAfterGc(): number {
	gc!();
	gc!();
	return process.memoryUsage().heapUsed;
}

const before = activeResources();
const sim = await startSim({scenario: 'two-wan', clock: 'manual', seed: 3});
const monitor = startMonitor(sim);
await monitor.until(state => state.link.kind === 'live' && state.snapshot !== null, 'a first snapshot');
let warm = 0;
let eventsWhenWarm = 0;
for (let cycle = 0; cycle < cycles; cycle++) {
	if (cycle === warmup) {
		warm = heapAfterGc();
		eventsWhenWarm = monitor.store.getState().events.length;
	}
	const since = Date.now();
	await sim.restart(2);
	await monitor.until(state => state.link.kind === 'live' && state.lastError === null && state.snapshot!.at > since, `recovery ${cycle}`);
	// The screen's event list keeps a bounded tail; the harness's own record must not grow either.
	monitor.seen.length = 0;
}
const end = heapAfterGc();
const events = monitor.store.getState().events.length;
await monitor.stop();
await sim.close();
const left = await resourcesBack(before);
process.stdout.write(`${JSON.stringify({cycles, warmup, warm, end, events, eventsWhenWarm, before, left})}\n`);
