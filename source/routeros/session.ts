import {connectRouter, type RouterConnection} from './client.js';
import {RouterError, type ConnectOptions, type RouterApi} from './types.js';

export type SessionState =
	| {status: 'connecting'; attempt: number}
	| {status: 'live'; since: number}
	| {status: 'reconnecting'; attempt: number; error: RouterError; retryInMs: number}
	/** Could not get in at all and retrying will not help (wrong password, TLS, not RouterOS). */
	| {status: 'failed'; error: RouterError}
	| {status: 'closed'};

export interface BackoffOptions {
	/** First retry delay. Default 500. */
	initialDelayMs?: number;
	/** Cap. Default 10000. */
	maxDelayMs?: number;
	/** 0..1, for jitter. Default Math.random. */
	random?: () => number;
}

/**
 * Failures on the first connect that no amount of retrying fixes: most often a mistyped name
 * or password. A refused or unreachable router may just be rebooting, so those are retried.
 */
const hopeless = new Set(['unresolved', 'login', 'tls', 'not-routeros']);

/**
 * Exponential backoff with jitter: attempt n waits between half and all of
 * initial·2^(n-1), capped, so many clients do not reconnect in step after a router reboot.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
	const initial = options.initialDelayMs ?? 500;
	const max = options.maxDelayMs ?? 10_000;
	const random = options.random ?? Math.random;
	const ceiling = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling * (0.5 + random() * 0.5));
}

/**
 * Keeps a connection to one router: connects, and when the link is lost reconnects with
 * backoff until closed. Commands in flight when the link dies fail (they are never retried
 * here: a write may or may not have happened, so callers re-read instead).
 */
export class RouterSession {
	private current: RouterConnection | undefined;
	private stateNow: SessionState = {status: 'connecting', attempt: 1};
	private readonly listeners = new Set<(state: SessionState) => void>();
	private retryTimer: NodeJS.Timeout | undefined;
	private everLive = false;
	private closing = false;
	private failures = 0;

	constructor(
		private readonly options: ConnectOptions,
		private readonly backoff: BackoffOptions = {},
	) {
		void this.attempt();
	}

	get state(): SessionState {
		return this.stateNow;
	}

	/** The live connection, or undefined while there is none. */
	api(): RouterApi | undefined {
		return this.current;
	}

	/** Calls `listener` on every state change; returns the unsubscribe function. */
	onState(listener: (state: SessionState) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Resolves with the first live connection; rejects when the session fails or is closed first. */
	ready(): Promise<RouterApi> {
		return new Promise((resolve, reject) => {
			const check = (state: SessionState): boolean => {
				if (state.status === 'live' && this.current) resolve(this.current);
				else if (state.status === 'failed') reject(state.error);
				else if (state.status === 'closed') reject(new RouterError('disconnected', 'the session was closed'));
				else return false;
				return true;
			};
			if (check(this.stateNow)) return;
			const unsubscribe = this.onState(state => {
				if (check(state)) unsubscribe();
			});
		});
	}

	async close(): Promise<void> {
		if (this.closing) return;
		this.closing = true;
		clearTimeout(this.retryTimer);
		const connection = this.current;
		this.current = undefined;
		await connection?.close();
		this.setState({status: 'closed'});
		this.listeners.clear();
	}

	private setState(state: SessionState): void {
		this.stateNow = state;
		for (const listener of [...this.listeners]) listener(state);
	}

	private async attempt(): Promise<void> {
		let connection: RouterConnection;
		try {
			connection = await connectRouter(this.options);
		} catch (error) {
			const failure = error instanceof RouterError ? error : new RouterError('disconnected', String(error));
			this.retry(failure);
			return;
		}
		if (this.closing) {
			await connection.close();
			return;
		}
		this.current = connection;
		this.everLive = true;
		this.failures = 0;
		this.setState({status: 'live', since: Date.now()});
		const reason = await connection.closed;
		if (this.closing || this.current !== connection) return;
		this.current = undefined;
		this.retry(reason ?? new RouterError('disconnected', `the connection to ${this.options.host} was closed`));
	}

	private retry(error: RouterError): void {
		if (this.closing) return;
		if (!this.everLive && hopeless.has(error.kind)) {
			this.setState({status: 'failed', error});
			return;
		}
		this.failures += 1;
		const retryInMs = backoffDelay(this.failures, this.backoff);
		this.setState({status: 'reconnecting', attempt: this.failures, error, retryInMs});
		this.retryTimer = setTimeout(() => {
			this.setState({status: 'connecting', attempt: this.failures + 1});
			void this.attempt();
		}, retryInMs);
	}
}
