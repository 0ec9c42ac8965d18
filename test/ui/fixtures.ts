import {initialState, reduce, type MonitorState} from '../../source/monitor/state.js';
import {MonitorStore} from '../../source/monitor/store.js';
import type {Topology} from '../../source/pcc/types.js';
import type {MonitorControls} from '../../source/ui/actions.js';
import {advance, snapshot, tick, type Tick} from '../monitor/fixtures.js';

export const start = tick();

/** Ten healthy polls two seconds apart, with traffic on every WAN. */
export function healthyTicks(): Tick[] {
	const ticks = [start];
	for (let i = 1; i < 10; i++) {
		const previous = ticks[i - 1];
		ticks.push(
			advance(previous, 2, {
				connections: {wan1: 400 + i * 5, wan2: 200 + i, wan3: 190 + i * 2},
				packets: Object.fromEntries(Object.entries(previous.packets).map(([id, packets]) => [id, id === '*6' ? packets : packets + 20n])),
				rxBytes: {wan1: previous.rxBytes.wan1 + 2_000_000n, wan2: previous.rxBytes.wan2 + 1_000_000n, wan3: previous.rxBytes.wan3 + 500_000n},
				txBytes: {wan1: previous.txBytes.wan1 + 200_000n, wan2: previous.txBytes.wan2 + 100_000n, wan3: previous.txBytes.wan3 + 50_000n},
			}),
		);
	}
	return ticks;
}

/** The healthy run, then wan2's route goes inactive with 412 connections on its mark. */
export function wan2DownTicks(): Tick[] {
	const ticks = healthyTicks();
	const last = ticks.at(-1)!;
	ticks.push(
		advance(last, 2, {
			routeActive: {wan1: true, wan2: false, wan3: true},
			netwatch: {wan1: 'up', wan2: 'down', wan3: 'up'},
			connections: {wan1: 460, wan2: 412, wan3: 210},
		}),
	);
	return ticks;
}

export function stateFrom(ticks: Tick[], options: {readOnly?: string; topology?: Topology} = {}): MonitorState {
	let state = initialState({intervalMs: 2000, readOnly: options.readOnly ?? null});
	state = reduce(state, {type: 'link', link: {kind: 'live'}, at: start.at});
	for (const t of ticks) state = reduce(state, {type: 'snapshot', snapshot: snapshot(t, {topology: options.topology})});
	return state;
}

/** A fixed clock one second after the last poll. */
export function clockAfter(state: MonitorState, ms = 1000): () => number {
	const at = (state.snapshot?.at ?? start.at) + ms;
	return () => at;
}

/** Controls that record what the keys asked the poll loop to do, applying it to the store. */
export function recordingControls(store: MonitorStore): MonitorControls & {calls: string[]} {
	const calls: string[] = [];
	return {
		calls,
		refresh: () => calls.push('refresh'),
		setFrozen: frozen => {
			calls.push(`frozen ${frozen}`);
			store.dispatch({type: 'frozen', frozen});
		},
		setIntervalMs: ms => {
			calls.push(`interval ${ms}`);
			store.dispatch({type: 'interval', ms});
		},
	};
}
