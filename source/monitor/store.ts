import {reduce, type MonitorAction, type MonitorState} from './state.js';

/** Holds the MonitorState; the UI subscribes (useSyncExternalStore), the poller dispatches. */
export class MonitorStore {
	private state: MonitorState;
	private readonly listeners = new Set<() => void>();

	constructor(initial: MonitorState) {
		this.state = initial;
	}

	readonly getState = (): MonitorState => this.state;

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	readonly dispatch = (action: MonitorAction): void => {
		const next = reduce(this.state, action);
		if (next === this.state) return;
		this.state = next;
		for (const listener of this.listeners) listener();
	};
}
