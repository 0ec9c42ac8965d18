import {initialState, type MonitorState} from '../monitor/state.js';
import {MonitorStore} from '../monitor/store.js';
import type {Recorded} from './reader.js';

/** Where a replay stands, for the header. */
export interface ReplayPosition {
	/** Recorded time of the moment shown. */
	at: number;
	/** Polls shown so far, of all. */
	poll: number;
	polls: number;
	playing: boolean;
	speed: number;
}

export type ReplaySeek = 'poll' | 'event' | 'minute' | 'edge';

const speeds = [0.5, 1, 2, 4, 8, 16, 32, 64];

/** The store's state after the first `count` records: what the screen showed then. */
export function stateAfter(records: readonly Recorded[], count: number, intervalMs: number): MonitorState {
	const store = new MonitorStore(initialState({intervalMs, readOnly: 'replay'}));
	for (const record of records.slice(0, count)) store.dispatch(record.action);
	// A replay never acts, whatever the session it recorded could do.
	store.dispatch({type: 'read-only', reason: 'replay'});
	return store.getState();
}

/**
 * Steps a recording through a store the screen renders, as the live poller would: forward by
 * dispatching the next records, back by reducing again from the start (the reducer keeps its
 * chart history in place, so there is no going back within it).
 */
export class Replay {
	readonly store: MonitorStore;
	private count = 0;
	private playing = false;
	private speed = 1;
	private timer: NodeJS.Timeout | undefined;
	private shown: ReplayPosition = {at: 0, poll: 0, polls: 0, playing: false, speed: 1};
	private readonly listeners = new Set<() => void>();
	/** Indexes just after each snapshot: the moments a step lands on. */
	private readonly polls: number[] = [];
	/** Indexes just after each record that added an event. */
	private readonly eventMoments: number[] = [];

	constructor(private readonly records: readonly Recorded[], private readonly intervalMs: number) {
		this.store = new MonitorStore(stateAfter(records, 0, intervalMs));
		const probe = new MonitorStore(stateAfter(records, 0, intervalMs));
		records.forEach((record, index) => {
			if (record.action.type === 'snapshot') this.polls.push(index + 1);
			// The list is a new array only when an event joined it, wherever it stands.
			const before = probe.getState().events;
			probe.dispatch(record.action);
			if (probe.getState().events !== before) this.eventMoments.push(index + 1);
		});
		this.moveTo(this.polls[0] ?? records.length);
	}

	/** The same object until something changes, as React's external stores need. */
	readonly position = (): ReplayPosition => this.shown;

	/** The recorded time shown: the screen's clock, so the data's age is what it was then. */
	time(): number {
		return this.records[Math.max(0, this.count - 1)]?.at ?? 0;
	}

	readonly onChange = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	seek(to: ReplaySeek, by: 1 | -1): void {
		this.pause();
		switch (to) {
			case 'poll':
				this.moveTo(by > 0 ? this.polls.find(index => index > this.count) ?? this.count : [...this.polls].reverse().find(index => index < this.count) ?? this.polls[0] ?? 0);
				return;
			case 'edge':
				this.moveTo(by > 0 ? this.records.length : this.polls[0] ?? 0);
				return;
			case 'minute': {
				const target = this.time() + by * 60_000;
				const index = by > 0 ? this.polls.find(at => this.records[at - 1].at >= target) ?? this.records.length : [...this.polls].reverse().find(at => this.records[at - 1].at <= target) ?? this.polls[0] ?? 0;
				this.moveTo(index);
				return;
			}
			case 'event':
				this.moveTo(this.eventIndex(by));
				return;
		}
	}

	togglePlay(): void {
		if (this.playing) this.pause();
		else this.play();
	}

	faster(faster: boolean): void {
		const index = speeds.indexOf(this.speed) + (faster ? 1 : -1);
		this.speed = speeds[Math.max(0, Math.min(speeds.length - 1, index))];
		if (this.playing) this.scheduleNext();
		this.changed();
	}

	dispose(): void {
		this.pause();
		this.listeners.clear();
	}

	private play(): void {
		if (this.count >= this.records.length) return;
		this.playing = true;
		this.scheduleNext();
		this.changed();
	}

	private pause(): void {
		clearTimeout(this.timer);
		if (!this.playing) return;
		this.playing = false;
		this.changed();
	}

	/** The next record after the time between it and the one shown, at the speed chosen. */
	private scheduleNext(): void {
		clearTimeout(this.timer);
		const next = this.polls.find(index => index > this.count) ?? this.records.length;
		if (next <= this.count) {
			this.pause();
			return;
		}
		const wait = Math.max(0, this.records[next - 1].at - this.time()) / this.speed;
		this.timer = setTimeout(() => {
			this.moveTo(next);
			if (this.count >= this.records.length) this.pause();
			else this.scheduleNext();
		}, Math.min(wait, 5000));
	}

	/** Just after the next (or previous) record that put an event on the screen. */
	private eventIndex(by: 1 | -1): number {
		const moments = this.eventMoments;
		return by > 0 ? moments.find(index => index > this.count) ?? this.count : [...moments].reverse().find(index => index < this.count) ?? this.count;
	}

	private moveTo(index: number): void {
		const target = Math.max(0, Math.min(this.records.length, index));
		if (target === this.count && this.count > 0) return;
		if (target < this.count) {
			this.store.load(stateAfter(this.records, target, this.intervalMs));
		} else {
			for (const record of this.records.slice(this.count, target)) this.store.dispatch(record.action);
			this.store.dispatch({type: 'read-only', reason: 'replay'});
		}
		this.count = target;
		this.changed();
	}

	private changed(): void {
		const poll = this.polls.filter(index => index <= this.count).length;
		this.shown = {at: this.time(), poll, polls: this.polls.length, playing: this.playing, speed: this.speed};
		for (const listener of this.listeners) listener();
	}
}
