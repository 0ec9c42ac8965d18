import {randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ConnectOptions} from '../routeros/types.js';
import type {ConfigurationLoad} from './configuration-load.js';
import {connectOptionsFrom} from './connect-options.js';
import type {CliOptions} from './options.js';

/** Where a mode connects, and what to stop afterwards (the in-process router of --demo). */
export interface RouterConnectionPlan {
	connectOptions: ConnectOptions;
	/** The audit log actions write to; the user's own when absent. */
	auditPath?: string;
	/** With --demo: what loading its configuration refused or created, for the report and the screen. */
	configuration?: ConfigurationLoad;
	stop?: () => Promise<void>;
}

/**
 * The demo's actions change a simulated router: they go to an audit log of their own in a
 * temporary folder, never among the user's real entries. The folder is made by the first
 * entry (the audit log makes its folder private), so a demo that acts on nothing, even one
 * killed, leaves nothing behind; its unguessable name keeps another user from making it first.
 * On exit the log is named when something was written to it.
 */
function demoAuditLog(): {path: string; close: () => Promise<void>} {
	const folder = join(tmpdir(), `pccmon-demo-${randomBytes(6).toString('hex')}`);
	const path = join(folder, 'audit.log');
	return {
		path,
		close: async () => {
			if (existsSync(path)) process.stderr.write(`pccmon: the demo's actions were logged in ${path}\n`);
			else await rm(folder, {recursive: true, force: true});
		},
	};
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
	const audit = demoAuditLog();
	return {
		connectOptions: {host: sim.host, port: sim.port, user: options.sim.user, password: options.sim.password},
		auditPath: audit.path,
		configuration: {source: sim.source, refused: sim.warnings, created: sim.created},
		stop: async () => {
			await sim.close();
			await audit.close();
		},
	};
}
