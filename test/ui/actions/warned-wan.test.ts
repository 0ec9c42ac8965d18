import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ScreenActionContext} from '../../../source/ui/actions.js';
import {snapshot} from '../../monitor/fixtures.js';
import {healthyTicks, stateFrom, wan2DownTicks} from '../fixtures.js';
import {keys, lineWith, renderApp} from '../render.js';

function flushRecorder() {
	const flushed: string[] = [];
	return {flushed, actions: {flush: (context: ScreenActionContext) => void flushed.push(context.wan?.name ?? 'none')}};
}

test('when a warning names a WAN the selection moves there, so f flushes that WAN and not the healthy one', async t => {
	const {flushed, actions} = flushRecorder();
	const app = renderApp(stateFrom(healthyTicks()), {actions});
	t.after(() => app.unmount());
	await app.press('', frame => lineWith(frame, 'wan1').includes('›'));
	app.store.dispatch({type: 'snapshot', snapshot: snapshot(wan2DownTicks().at(-1)!)});
	await app.press('', frame => frame.includes("connections carry wan2's mark, its route is down") && lineWith(frame, 'wan2 ').includes('›'));
	await app.press('f', () => flushed.length > 0);
	assert.deepEqual(flushed, ['wan2']);
});

test('after the selection moved to the warned WAN the user may move away, and f follows the user', async t => {
	const {flushed, actions} = flushRecorder();
	const app = renderApp(stateFrom(wan2DownTicks()), {actions});
	t.after(() => app.unmount());
	await app.press('', frame => lineWith(frame, 'wan2 ').includes('›'));
	await app.press(keys.up, frame => lineWith(frame, 'wan1 ').includes('›'));
	await app.press('f', () => flushed.length > 0);
	assert.deepEqual(flushed, ['wan1']);
});
