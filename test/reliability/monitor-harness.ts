import {followSession} from '../../source/monitor/follow-session.js';
import {Poller} from '../../source/monitor/poller.js';
import {routerSource} from '../../source/monitor/source.js';
import {initialState, type MonitorState} from '../../source/monitor/state.js';
import {MonitorStore} from '../../source/monitor/store.js';
import {discover} from '../../source/pcc/discover.js';
import {RouterSession} from '../../source/routeros/session.js';
import type {ConnectOptions} from '../../source/routeros/types.js';

/**
 * Timeouts and backoff compressed so a fault shows, and clears, within a second or two;
 * the mechanism is the production one, only the numbers are smaller.
 */
export const fastTimeouts: Partial<ConnectOptions> = {connectTimeoutMs: 2000, commandTimeoutMs: 2000, keepaliveMs: 5000, idleTimeoutMs: 20_000};
export const fastBackoff = {initialDelayMs: 10, maxDelayMs: 80};

export interface Monitor {
	store: MonitorStore;
	poller: Poller;
	session: RouterSession;
	/** Resolves with the state once `ok` holds; rejects after `seconds` without it, so cleanup still runs. */
	until(ok: (state: MonitorState) => boolean, what: string, seconds?: number): Promise<MonitorState>;
	/** Every state the store went through, for invariants over a whole run. */
	seen: MonitorState[];
	stop(): Promise<void>;
}

/**
 * The live screen's loop without the screen: a reconnecting session, the poller and the
 * store, with the session's states turned into the link state the header shows, as
 * source/commands/live-screen.tsx does (reconnecting with the attempt number; a fresh
 * configuration read after every reconnect).
 */
export function startMonitor(target: {host: string; port: number}, intervalMs = 100, extra: Partial<ConnectOptions> = {}): Monitor {
	const store = new MonitorStore(initialState({intervalMs}));
	const session = new RouterSession({host: target.host, port: target.port, user: 'admin', password: '', ...fastTimeouts, ...extra}, fastBackoff);
	const poller = new Poller({source: routerSource(() => session.api()), store, discover});
	const seen: MonitorState[] = [];
	const record = store.subscribe(() => {
		if (seen.length < 20_000) seen.push(store.getState());
	});
	const unsubscribe = followSession(session, store, poller);
	return {
		store,
		poller,
		session,
		seen,
		until(ok, what, seconds = 20) {
			return new Promise((resolve, reject) => {
				if (ok(store.getState())) return resolve(store.getState());
				const timer = setTimeout(() => {
					off();
					const state = store.getState();
					reject(new Error(`never saw ${what} in ${seconds} s; link ${JSON.stringify(state.link)}, last error ${state.lastError?.message ?? 'none'}`));
				}, seconds * 1000);
				const off = store.subscribe(() => {
					const state = store.getState();
					if (ok(state)) {
						off();
						clearTimeout(timer);
						resolve(state);
					}
				});
			});
		},
		async stop() {
			unsubscribe();
			record();
			await poller.stop();
			await session.close();
		},
	};
}

/** Resources the process holds, less the terminal: what a leak would add to. */
export function activeResources(): string[] {
	return process.getActiveResourcesInfo().filter(kind => kind !== 'TTYWrap').sort();
}

/**
 * Waits, for a bounded number of loop turns, until the process holds what it held before:
 * closed sockets and servers leave the list a few turns after their close resolved.
 */
export async function resourcesBack(before: string[]): Promise<string[]> {
	let now = activeResources();
	for (let turn = 0; turn < 2000 && now.join() !== before.join(); turn++) {
		await new Promise(resolve => setImmediate(resolve));
		now = activeResources();
	}
	return now;
}
