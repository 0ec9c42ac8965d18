import {recording} from './commands.js';
import type {Pccmon} from './dist.js';
import {connect} from './poll.js';
import {cpuSeconds} from './proc.js';
import type {SimProcess} from './sim-process.js';
import type {Started} from './sim-protocol.js';

export interface FlushSample {
	/** Connections of the WAN when the flush started, all removed. */
	connections: number;
	wallMs: number;
	commands: number;
	removes: number;
	rounds: number;
	/** Injected reply delay, 0 on plain loopback. */
	rttMs: number;
	/** CPU time of the flush on each side: pccmon (this process) and the simulated router. */
	clientCpuMs: number;
	simCpuMs: number;
}

/**
 * Tops the mark up to at least `atLeast` connections, then flushes it the way `f` on the
 * screen and `pccmon HOST flush WAN` do (flushMark, its default batches and parallelism).
 */
export async function flushOnce(pccmon: Pccmon, sim: SimProcess, started: Started, mark: string, atLeast: number, rttMs = 0): Promise<FlushSample> {
	await sim.grow({mark, atLeast});
	await sim.faults(rttMs > 0 ? {slowReplies: rttMs} : {});
	const connection = await connect(pccmon, started, 60_000);
	try {
		const log = recording(connection);
		const startedAt = performance.now();
		const clientCpu = process.cpuUsage();
		const simCpu = cpuSeconds(sim.pid);
		const result = await pccmon.flushMark(log.api, {mark});
		const wallMs = performance.now() - startedAt;
		const clientUsed = process.cpuUsage(clientCpu);
		const clientCpuMs = (clientUsed.user + clientUsed.system) / 1000;
		const simCpuMs = (cpuSeconds(sim.pid) - simCpu) * 1000;
		if (result.remaining !== 0 || result.removed + result.alreadyGone !== result.total) {
			throw new Error(`the flush of ${mark} left ${result.remaining} connections (removed ${result.removed} of ${result.total})`);
		}
		return {connections: result.total, wallMs, commands: log.sent, removes: log.sentOf('remove'), rounds: log.rounds(), rttMs, clientCpuMs, simCpuMs};
	} finally {
		await connection.close();
		await sim.faults({});
	}
}
