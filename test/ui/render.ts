import {createElement} from 'react';
import {render} from 'ink-testing-library';
import type {MonitorState} from '../../source/monitor/state.js';
import {MonitorStore} from '../../source/monitor/store.js';
import {App} from '../../source/ui/App.js';
import type {MonitorActions} from '../../source/ui/actions.js';
import {clockAfter, recordingControls} from './fixtures.js';
import {frameWhere} from './actions/frames.js';

export const keys = {tab: '\t', shiftTab: '\u001B[Z', up: '\u001B[A', down: '\u001B[B', pageUp: '\u001B[5~', pageDown: '\u001B[6~', escape: '\u001B', ctrlC: '\u0003'};

/** The App on a fixed state and size, with controls that record what the keys asked for. */
export function renderApp(state: MonitorState, options: {columns?: number; rows?: number; actions?: MonitorActions; now?: () => number} = {}) {
	const store = new MonitorStore(state);
	const controls = recordingControls(store);
	const columns = options.columns ?? 80;
	const app = createElement(App, {
		store,
		controls,
		actions: options.actions,
		color: false,
		size: {columns, rows: options.rows ?? 24},
		now: options.now ?? clockAfter(state),
	});
	const instance = render(app);
	// ink-testing-library's terminal is 100 columns, and Ink lays out wider screens wrong in it
	// (the right column slips left): give it the width asked for and lay the frame out again.
	Object.defineProperty(instance.stdout, 'columns', {get: () => columns});
	instance.rerender(app);
	const frame = () => instance.lastFrame() ?? '';
	return {
		...instance,
		store,
		controls,
		frame,
		/** Ink stops listening to the keyboard once the app has exited. */
		listening: () => instance.stdin.listenerCount('readable') > 0,
		/** Types a key and waits until the frame shows `expected`. */
		async press(key: string, expected: string | ((frame: string) => boolean)) {
			instance.stdin.write(key);
			const ok = typeof expected === 'string' ? (text: string) => text.includes(expected) : expected;
			const shown = await frameWhere(frame, ok, typeof expected === 'string' ? JSON.stringify(expected) : 'the expected change');
			// Ink subscribes new input handlers in an effect that runs just after the frame is drawn.
			await new Promise(resolve => setImmediate(resolve));
			return shown;
		},
	};
}

/** The line of the frame that contains `text`. */
export function lineWith(frame: string, text: string): string {
	return frame.split('\n').find(line => line.includes(text)) ?? '';
}
