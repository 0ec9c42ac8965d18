import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {describe, it} from 'node:test';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {routerSource} from '../../source/monitor/source.js';
import {discover} from '../../source/pcc/discover.js';
import {countedMarks} from '../../source/pcc/live.js';
import {connectRouter} from '../../source/routeros/client.js';
import {startSim} from '../../source/sim/index.js';
import {App} from '../../source/ui/App.js';
import {cliPath} from '../cli/helpers.js';
import {recordingControls} from '../ui/fixtures.js';
import {startMonitor} from './monitor-harness.js';

/*
 * Load: 50 clients at 4 Hz for 60 s in full; npm test runs 15 s of it (set
 * PCCMON_LOAD_SECONDS=60 for the full run). Speed itself is measured by `npm run bench`;
 * here the assertions are on what must hold under load: every answer right, no error,
 * memory bounded, the screen answering keys.
 */
const seconds = Number(process.env['PCCMON_LOAD_SECONDS'] ?? 15);

describe('load', () => {
	it(`the sim serves 50 clients polling at 4 Hz for ${seconds} s: every poll answered right, memory bounded`, {timeout: (seconds + 60) * 1000}, async t => {
		const sim = await startSim({scenario: 'two-wan', seed: 5});
		const clients = await Promise.all(Array.from({length: 50}, () => connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''})));
		try {
			const config = await routerSource(() => clients[0]).readConfig();
			const topology = discover(config);
			const plan = {routeros: topology.routeros, marks: countedMarks(topology), interfaces: ['ether1', 'ether2']};
			assert.equal(sim.server.connections, 50);
			const baseline = process.memoryUsage().heapUsed;
			let polls = 0;
			let peak = baseline;
			const rounds = seconds * 4;
			await Promise.all(clients.map(async (api, index) => {
				const source = routerSource(() => api);
				// Spread the clients over the 250 ms period, as independent pollers would be.
				let next = Date.now() + (index * 250) / 50;
				for (let round = 0; round < rounds; round++) {
					await new Promise(resolve => setTimeout(resolve, Math.max(0, next - Date.now())));
					next += 250;
					const [read, counts] = await Promise.all([source.readTick(plan), source.readCounts(plan.marks)]);
					assert.equal(read.mangle.length, config.mangle.length);
					assert.equal(read.routes.filter(route => route.dstAddress === '0.0.0.0/0').length, 4);
					assert.ok(counts.total >= 0);
					polls++;
					peak = Math.max(peak, process.memoryUsage().heapUsed);
				}
			}));
			t.diagnostic(`${polls} polls in ${seconds} s; heap ${Math.round(baseline / 1e6)} MB -> peak ${Math.round(peak / 1e6)} MB`);
			// Every poll asked for is answered; how fast is the bench's to say, not a busy test machine's.
			assert.equal(polls, 50 * rounds, 'every poll answered');
			assert.equal(sim.server.connections, 50, 'no client was dropped');
			// The sim holds no per-poll state: 50 clients must not cost more than a few tens of MB.
			assert.ok(peak - baseline < 150e6, `heap grew ${Math.round((peak - baseline) / 1e6)} MB`);
		} finally {
			await Promise.all(clients.map(client => client.close()));
			await sim.close();
		}
	});

	it('against a router opening 20,000 connections a second, the screen answers every key while it polls', {timeout: 90_000}, async t => {
		// The router runs in its own process, as a real one would: its work is not pccmon's.
		const child = spawn(process.execPath, [cliPath, 'sim', '--port', '0', '--scenario', 'two-wan', '--rate', '20000', '--connections', '20000'], {stdio: ['ignore', 'pipe', 'pipe']});
		try {
			const port = await new Promise<number>((resolve, reject) => {
				let out = '';
				child.stdout.on('data', chunk => {
					out += chunk;
					const match = /listening on [^\s:]+:(\d+)/.exec(out);
					if (match) resolve(Number(match[1]));
				});
				child.on('exit', code => reject(new Error(`pccmon sim exited ${code}`)));
			});
			const monitor = startMonitor({host: '127.0.0.1', port}, 500);
			const delay = monitorEventLoopDelay({resolution: 10});
			try {
				await monitor.until(state => state.link.kind === 'live' && state.snapshot !== null, 'a first snapshot', 30);
				const view = render(createElement(App, {store: monitor.store, controls: recordingControls(monitor.store), color: false, size: {columns: 100, rows: 30}}));
				try {
					// Measured once the screen is up: the first mount compiles and lays out everything once.
					await new Promise(resolve => setTimeout(resolve, 0));
					delay.enable();
					// Several polls go by while keys are pressed; each key is timed from write to frame.
					const latencies: number[] = [];
					const firstTotal = monitor.store.getState().snapshot!.counts.total;
					for (let press = 0; press < 10; press++) {
						const opening = press % 2 === 0;
						const started = performance.now();
						view.stdin.write(opening ? '?' : 'x');
						// Watched on every loop turn, so the latency is not rounded up to a polling step.
						const deadline = Date.now() + 5000;
						while ((view.lastFrame() ?? '').includes('Keys (any key closes)') !== opening && Date.now() < deadline) {
							await new Promise(resolve => setImmediate(resolve));
						}
						assert.equal((view.lastFrame() ?? '').includes('Keys (any key closes)'), opening, `key ${press} answered`);
						latencies.push(performance.now() - started);
						// Ink subscribes the next input handler in an effect just after the frame is drawn.
						await new Promise(resolve => setTimeout(resolve, 0));
						await monitor.until(state => state.snapshot!.counts.total !== firstTotal || press % 3 !== 0, 'a poll in between', 10);
					}
					delay.disable();
					latencies.sort((a, b) => a - b);
					const p50 = latencies[Math.floor(latencies.length / 2)];
					const max = latencies.at(-1)!;
					t.diagnostic(`key to frame: median ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms; loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`);
					// Timing on a shared two-core CI machine running other tests is noise (a quiet run
					// shows a median key-to-frame of about 50 ms; a busy one three times that), so the
					// figures go to the diagnostics and the bench. Asserted is the mechanism: every key
					// is answered while the busy router is polled (its connection table never crosses:
					// counts are count-only, see test/routeros/reads.test.ts), none waits seconds.
					assert.equal(latencies.length, 10);
					assert.ok(p50 < 2000, `median key-to-frame ${p50.toFixed(1)} ms`);
					assert.ok(monitor.store.getState().snapshot!.counts.total > 10_000, 'the busy router was being watched');
				} finally {
					view.unmount();
				}
			} finally {
				delay.disable();
				await monitor.stop();
			}
		} finally {
			child.kill('SIGTERM');
			await new Promise(resolve => child.once('exit', resolve));
		}
	});
});
