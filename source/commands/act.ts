import {createInterface} from 'node:readline/promises';
import {detectAccess, readOnlyFlag, ReadOnlyError, type Access} from '../actions/access.js';
import type {ActionSession} from '../actions/session.js';
import type {AuditTrail} from '../actions/trail.js';
import {discover} from '../pcc/discover.js';
import {WeightError} from '../pcc/weight-error.js';
import type {RouterConfig, Topology} from '../pcc/types.js';
import {connectRouter, type RouterConnection} from '../routeros/client.js';
import {readConfig} from '../routeros/reads.js';
import {RouterError} from '../routeros/types.js';
import {connectionFor, type RouterConnectionPlan} from './router-connection.js';
import {UsageError, type CliOptions} from './options.js';

/** A router opened for an action: the connection, what it holds, and whether we may write. */
export interface ActionTarget {
	connection: RouterConnection;
	session: ActionSession;
	config: RouterConfig;
	topology: Topology;
	access: Access;
	trail: AuditTrail;
	close(): Promise<void>;
}

/** Exit codes of the action commands. */
export const exit = {ok: 0, partial: 1, usage: 2} as const;

export function say(line: string): void {
	process.stdout.write(`${line}\n`);
}

/** One line on stderr, prefixed like every other pccmon complaint. */
export function complain(line: string): void {
	process.stderr.write(`pccmon: ${line}\n`);
}

/**
 * Connects for an action and reads the router whole. Every connection opened (the first and
 * any reconnect after a drop) is closed by close(); with --demo so is the simulated router.
 */
export async function openTarget(options: CliOptions, {connectOptions, auditPath, stop}: RouterConnectionPlan): Promise<ActionTarget> {
	const opened: RouterConnection[] = [];
	const connect = async (): Promise<RouterConnection> => {
		const connection = await connectRouter(connectOptions);
		opened.push(connection);
		return connection;
	};
	const close = async () => {
		await Promise.all(opened.map(connection => connection.close().catch(() => undefined)));
		await stop?.();
	};
	try {
		const connection = await connect();
		const config = await readConfig(connection);
		const access = options.readOnly ? readOnlyFlag() : await detectAccess(connection);
		return {
			connection,
			session: {router: connection, readConfig, reconnect: connect},
			config,
			topology: discover(config),
			access,
			trail: {router: {host: connectOptions.host, port: connection.port, identity: config.identity}, account: connectOptions.user, path: auditPath},
			close,
		};
	} catch (error) {
		await close();
		throw error;
	}
}

export type Consent = 'yes' | 'no' | 'no-terminal';

/**
 * --yes consents; on a terminal the user is asked (default No); without a terminal and
 * without --yes nothing is done, since nobody could have seen what would happen.
 */
export async function askConsent(options: CliOptions, question: string): Promise<Consent> {
	if (options.yes) return 'yes';
	if (!process.stdin.isTTY || !process.stderr.isTTY) return 'no-terminal';
	const prompt = createInterface({input: process.stdin, output: process.stderr});
	try {
		const answer = await prompt.question(`${question} [y/N] `);
		return /^y(es)?$/i.test(answer.trim()) ? 'yes' : 'no';
	} finally {
		prompt.close();
	}
}

/**
 * Runs an action command: refuses at once under --read-only, opens the router, runs `act`,
 * and closes everything. A failure that is the user's or the router's (read-only, a bad
 * weight, a RouterOS error) is one line and exit code 2; `act` reports partial results itself.
 */
export async function withTarget(options: CliOptions, action: string, act: (target: ActionTarget) => Promise<number>): Promise<number> {
	if (options.readOnly) {
		complain(`${action} refused: read-only (--read-only); nothing was changed`);
		return exit.usage;
	}
	let target: ActionTarget;
	try {
		target = await openTarget(options, await connectionFor(options));
	} catch (error) {
		return failureCode(error);
	}
	try {
		return await act(target);
	} catch (error) {
		if (error instanceof ReadOnlyError || error instanceof WeightError || error instanceof RouterError) {
			complain(error.message);
			return exit.usage;
		}
		throw error;
	} finally {
		await target.close();
	}
}

/** The exit code and line for a failure before anything was changed. */
export function failureCode(error: unknown): number {
	if (error instanceof UsageError || error instanceof RouterError) {
		complain(error.message);
		return exit.usage;
	}
	throw error;
}
