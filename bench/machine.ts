import os from 'node:os';
import {bytes} from './stats.js';

/** One line naming the machine, so figures are read against what produced them. */
export function describeMachine(): string {
	const cpus = os.cpus();
	const model = cpus[0]?.model.trim() ?? 'unknown CPU';
	return `${model}, ${cpus.length} cores, ${bytes(os.totalmem())} memory, Node ${process.version}, ${os.type()} ${os.release()}`;
}

/** The 1-minute load average: on a shared machine, how much else ran at the same time. */
export function loadAverage(): string {
	return os.loadavg()[0].toFixed(1);
}
