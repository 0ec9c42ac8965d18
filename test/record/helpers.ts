import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {MonitorState} from '../../source/monitor/state.js';
import type {MonitorStore} from '../../source/monitor/store.js';
import {watchRouter} from '../../source/monitor/watch.js';
import {startRecording} from '../../source/record/session.js';
import {startSim, type SimOptions} from '../../source/sim/index.js';

export function tempFolder(t: {after: (fn: () => void) => void}): string {
	const folder = mkdtempSync(join(tmpdir(), 'pccmon-record-'));
	t.after(() => rmSync(folder, {recursive: true, force: true}));
	return folder;
}

function nextSnapshot(store: MonitorStore): Promise<void> {
	const before = store.getState().snapshot;
	return new Promise(resolve => {
		const off = store.subscribe(() => {
			if (store.getState().snapshot !== before) {
				off();
				resolve();
			}
		});
	});
}

/**
 * A recorded live session against a simulated router on a clock the test moves: `polls`
 * polls, the router's time moving `stepMs` between them, so a failover that takes a minute
 * of router time is recorded in a moment. Returns the live screen's state at the end.
 */
export async function recordSession(file: string, options: {polls: number; stepMs?: number; sim?: SimOptions}): Promise<MonitorState> {
	const sim = await startSim({scenario: 'failover', ...options.sim, clock: 'manual'});
	const watch = watchRouter({host: sim.host, port: sim.port, user: 'admin', password: options.sim?.users?.[0]?.password ?? ''}, {intervalMs: 60_000});
	const recording = startRecording(watch.store, {router: 'lab', host: sim.host, started: Date.now(), intervalMs: 2000}, {file});
	try {
		for (let poll = 0; poll < options.polls; poll++) {
			const next = nextSnapshot(watch.store);
			if (poll > 0) {
				sim.step(options.stepMs ?? 2000);
				watch.poller.refresh();
			}
			await next;
		}
		return watch.store.getState();
	} finally {
		await watch.stop();
		await recording.close();
		await sim.close();
	}
}
