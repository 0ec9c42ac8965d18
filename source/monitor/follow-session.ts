import type {RouterError} from '../routeros/types.js';
import type {RouterSession, SessionState} from '../routeros/session.js';
import type {Poller} from './poller.js';
import type {MonitorStore} from './store.js';

export interface FollowHooks {
	/** The first time the session is live: polling has just started. */
	onFirstLive?(): void;
	/** The session gave up before it was ever live (wrong password, unknown host, …). */
	onFailed?(error: RouterError): void;
}

/**
 * Keeps the screen's link state and the poll loop in step with the reconnecting session:
 * polling starts on the first login and re-reads everything after each reconnect, since
 * the router may have rebooted or been reconfigured meanwhile. Returns the unsubscribe.
 */
export function followSession(session: RouterSession, store: MonitorStore, poller: Poller, hooks: FollowHooks = {}): () => void {
	let everLive = false;
	let lastError = '';
	const onState = (state: SessionState) => {
		const at = Date.now();
		switch (state.status) {
			case 'connecting':
				// The session counts the drop as a failure, so its connecting attempt is one ahead of
				// the reconnect tries made: keep the number the reconnecting state showed.
				store.dispatch({type: 'link', at, link: state.attempt > 1 ? {kind: 'reconnecting', attempt: state.attempt - 1, error: lastError} : {kind: 'connecting'}});
				return;
			case 'live':
				store.dispatch({type: 'link', at, link: {kind: 'live'}});
				poller.invalidate();
				if (everLive) {
					poller.refresh();
				} else {
					everLive = true;
					poller.start();
					hooks.onFirstLive?.();
				}
				return;
			case 'reconnecting':
				lastError = state.error.message;
				store.dispatch({type: 'link', at, link: {kind: 'reconnecting', attempt: state.attempt, error: state.error.message}});
				return;
			case 'failed':
				hooks.onFailed?.(state.error);
				return;
			case 'closed':
				return;
		}
	};
	const unsubscribe = session.onState(onState);
	onState(session.state);
	return unsubscribe;
}
