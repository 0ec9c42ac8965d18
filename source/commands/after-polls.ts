import type {MonitorStore} from '../monitor/store.js';

/** Calls `then` once the store has taken `count` new snapshots; returns what cancels it. */
export function afterPolls(store: MonitorStore, count: number, then: () => void): () => void {
	let polls = 0;
	let last = store.getState().snapshot;
	const unsubscribe = store.subscribe(() => {
		const {snapshot} = store.getState();
		if (snapshot === last) return;
		last = snapshot;
		if (++polls < count) return;
		unsubscribe();
		then();
	});
	return unsubscribe;
}
