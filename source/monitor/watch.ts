import {discover} from '../pcc/discover.js';
import {RouterSession, type BackoffOptions} from '../routeros/session.js';
import type {RouterConfig, Topology} from '../pcc/types.js';
import type {ConnectOptions} from '../routeros/types.js';
import {followSession, type FollowHooks} from './follow-session.js';
import {Poller} from './poller.js';
import {routerSource} from './source.js';
import {initialState} from './state.js';
import {MonitorStore} from './store.js';

export interface WatchOptions {
	intervalMs: number;
	/** Why actions are off from the start (`--read-only`), or null. */
	readOnly?: string | null;
	/** Count on every poll whatever it costs the router (the bench's comparison). */
	countEveryPoll?: boolean;
	/** Discovery, or discovery with what loading the configuration said (--demo --rsc). */
	discover?: (config: RouterConfig) => Topology;
	hooks?: FollowHooks;
	backoff?: BackoffOptions;
}

/** One router watched: the reconnecting session, the poll loop and the state they build. */
export interface RouterWatch {
	store: MonitorStore;
	poller: Poller;
	session: RouterSession;
	/** Stops polling, then closes the session. */
	stop(): Promise<void>;
}

/**
 * The monitor's loop for one router, as the live screen, `serve` and the metrics beside the
 * screen all run it: one persistent session (never a login per read), polling from its
 * first login and re-reading everything after each reconnect.
 */
export function watchRouter(connect: ConnectOptions, options: WatchOptions): RouterWatch {
	const store = new MonitorStore(initialState({intervalMs: options.intervalMs, readOnly: options.readOnly ?? null}));
	const session = new RouterSession(connect, options.backoff);
	const poller = new Poller({source: routerSource(() => session.api()), store, discover: options.discover ?? discover, countEveryPoll: options.countEveryPoll});
	const unfollow = followSession(session, store, poller, options.hooks);
	return {
		store,
		poller,
		session,
		async stop() {
			unfollow();
			await poller.stop();
			await session.close();
		},
	};
}
