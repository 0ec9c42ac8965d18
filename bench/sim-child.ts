/**
 * The simulated router in a process of its own, driven by the bench over IPC: its memory and
 * CPU are then the simulator's alone, and the monitor's reads cross a real socket between two
 * processes, as they would between pccmon and a router. The clock is manual unless asked
 * otherwise: nothing expires or moves between measurements, so every poll sees the same table.
 */
import {readFileSync} from 'node:fs';
import type {SimHandle} from '../source/sim/index.js';
import {loadSim} from './dist.js';
import type {Grown, Memory, SimReply, SimRequest, Started, Walks} from './sim-protocol.js';

let sim: SimHandle | undefined;
const asked: number[] = [];

function running(): SimHandle {
	if (!sim) throw new Error('the simulator is not started');
	return sim;
}

function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
}

function byMark(handle: SimHandle): Record<string, number> {
	const table = handle.engine.conntrack;
	return Object.fromEntries(table.marks().map(mark => [mark, table.countByMark(mark)]));
}

function grow(request: Extract<SimRequest, {op: 'grow'}>): Grown {
	const handle = running();
	const table = handle.engine.conntrack;
	const startedAt = performance.now();
	const cpu = process.cpuUsage();
	let opened = 0;
	let landed = 0;
	// Bounded: a mark that gets no new connections (its WAN is down) must not loop for ever.
	for (let round = 0; round < 1000; round++) {
		let chunk: number;
		if (request.mark !== undefined) {
			const deficit = (request.atLeast ?? 0) - table.countByMark(request.mark);
			if (deficit <= 0) break;
			// Enough for the mark's share of new connections, from what landed on it so far.
			const share = opened > 0 && landed > 0 ? landed / opened : 0.5;
			chunk = Math.min(200_000, Math.ceil(deficit / share) + 64);
		} else {
			chunk = Math.min(200_000, (request.total ?? 0) - table.size);
			if (chunk <= 0) break;
		}
		const before = request.mark === undefined ? 0 : table.countByMark(request.mark);
		handle.engine.burst(chunk);
		opened += chunk;
		if (request.mark !== undefined) landed += table.countByMark(request.mark) - before;
	}
	return {opened, wallMs: performance.now() - startedAt, cpuMs: cpuMs(cpu), size: table.size, byMark: byMark(handle)};
}

function peakRss(): number {
	const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
	return match ? Number(match[1]) * 1024 : Number.NaN;
}

function memory(): Memory {
	// What the router holds, not garbage from filling it: collect first when allowed to.
	(globalThis as {gc?: () => void}).gc?.();
	const usage = process.memoryUsage();
	return {
		rss: usage.rss,
		peakRss: peakRss(),
		heapUsed: usage.heapUsed,
		arrayBuffers: usage.arrayBuffers,
		connections: sim?.engine.conntrack.size ?? 0,
	};
}

async function handle(request: SimRequest): Promise<unknown> {
	switch (request.op) {
		case 'start': {
			const baselineRss = process.memoryUsage().rss;
			const {startSim} = await loadSim();
			sim = await startSim({
				scenario: request.scenario,
				connections: request.connections,
				clock: request.clock ?? 'manual',
				scanRate: request.scanRate,
			});
			const {walks} = sim.router;
			const walk = walks.walk.bind(walks);
			walks.walk = rows => {
				const ms = walk(rows);
				if (ms > 0) asked.push(Date.now());
				return ms;
			};
			const started: Started = {host: sim.host, port: sim.port, baselineRss};
			return started;
		}
		case 'grow':
			return grow(request);
		case 'faults':
			await running().faults.clear();
			await running().faults.set(request.faults);
			return null;
		case 'memory':
			return memory();
		case 'walks': {
			const handle = running();
			const walks: Walks = {walkedMs: handle.router.walks.doneMs(), asked, at: Date.now(), byMark: byMark(handle)};
			return walks;
		}
		case 'close':
			await sim?.close();
			sim = undefined;
			setImmediate(() => process.disconnect());
			return null;
	}
}

process.on('message', (message: SimRequest & {id: number}) => {
	handle(message).then(
		value => process.send!({id: message.id, ok: true, value} satisfies SimReply),
		(error: unknown) => process.send!({id: message.id, ok: false, error: error instanceof Error ? error.message : String(error)} satisfies SimReply),
	);
});
