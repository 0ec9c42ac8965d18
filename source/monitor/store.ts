import {reduce, type MonitorAction, type MonitorState} from './state.js';

/** Holds the MonitorState; the UI subscribes (useSyncExternalStore), the poller dispatches. */
export class MonitorStore {
	private state: MonitorState;
	private readonly listeners = new Set<() => void>();
	private readonly taps = new Set<(action: MonitorAction) => void>();

	constructor(initial: MonitorState) {
		this.state = initial;
	}

	readonly getState = (): MonitorState => this.state;

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	/** Told of every action dispatched, applied or not: what a recording keeps. */
	readonly tap = (listener: (action: MonitorAction) => void): (() => void) => {
		this.taps.add(listener);
		return () => this.taps.delete(listener);
	};

	/** Puts a whole state in place: a replay going back. */
	load(state: MonitorState): void {
		this.state = state;
		for (const listener of this.listeners) listener();
	}

	readonly dispatch = (action: MonitorAction): void => {
		for (const tap of this.taps) tap(action);
		const next = reduce(this.state, action);
		if (next === this.state) return;
		this.state = next;
		for (const listener of this.listeners) listener();
	};
}
