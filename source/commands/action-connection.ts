import type {ConnectOptions} from '../routeros/types.js';
import {connectOptionsFrom} from './connect-options.js';
import type {CliOptions} from './options.js';

/** Where an action connects, and what to stop afterwards (the in-process router of --demo). */
export interface ActionConnection {
	connectOptions: ConnectOptions;
	stop?: () => Promise<void>;
}

export async function connectionFor(options: CliOptions): Promise<ActionConnection> {
	return {connectOptions: await connectOptionsFrom(options)};
}
