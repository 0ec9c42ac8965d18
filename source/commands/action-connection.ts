import type {ConnectOptions} from '../routeros/types.js';
import {connectOptionsFrom} from './connect-options.js';
import type {CliOptions} from './options.js';

/** Where an action connects, and what to stop afterwards (the in-process router of --demo). */
export interface ActionConnection {
	connectOptions: ConnectOptions;
	stop?: () => Promise<void>;
}

/** The router named on the command line, or with --demo a simulated one started here (as --once does). */
export async function connectionFor(options: CliOptions): Promise<ActionConnection> {
	if (!options.demo) return {connectOptions: await connectOptionsFrom(options)};
	// Loaded only here: acting on a real router should not pay for the simulator's modules.
	const [{startSim}, {simOptionsFrom}] = await Promise.all([import('../sim/index.js'), import('./sim.js')]);
	const sim = await startSim(simOptionsFrom(options));
	return {
		connectOptions: {host: sim.host, port: sim.port, user: options.sim.user, password: options.sim.password},
		stop: () => sim.close(),
	};
}
