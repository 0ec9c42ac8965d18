import type {ConnectOptions} from '../routeros/types.js';
import {connectOptionsFrom} from './connect-options.js';
import type {CliOptions} from './options.js';

/** Where a mode connects, and what to stop afterwards (the in-process router of --demo). */
export interface RouterConnectionPlan {
	connectOptions: ConnectOptions;
	stop?: () => Promise<void>;
}

/**
 * The router named on the command line, or with --demo a simulated one started here: the
 * one start-up every mode (screen, --once, actions) shares.
 */
export async function connectionFor(options: CliOptions): Promise<RouterConnectionPlan> {
	if (!options.demo) return {connectOptions: await connectOptionsFrom(options)};
	// Loaded only here: watching or acting on a real router never pays for the simulator's modules.
	const [{startSim}, {simOptionsFrom}] = await Promise.all([import('../sim/index.js'), import('./sim.js')]);
	const sim = await startSim(simOptionsFrom(options));
	return {
		connectOptions: {host: sim.host, port: sim.port, user: options.sim.user, password: options.sim.password},
		stop: () => sim.close(),
	};
}
