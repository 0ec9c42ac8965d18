import {test} from 'node:test';
import assert from 'node:assert/strict';
import {reduce} from '../../source/monitor/state.js';
import {start, stateFrom, wan2DownTicks} from './fixtures.js';
import {lineWith, renderApp} from './render.js';

// The fixtures' polls run from 2023-11-14 22:13:20 UTC, which is 03:43:20 on the 15th in Kolkata.
process.env.TZ = 'Asia/Kolkata';

test('the events pane shows local times, the date only for another day, and names the zone once', async t => {
	let state = stateFrom(wan2DownTicks());
	state = reduce(state, {type: 'action', at: start.at - 24 * 3600_000, text: 'flush wan3: removed 12 of 12'});
	const app = renderApp(state, {columns: 100, rows: 40});
	t.after(() => app.unmount());
	const frame = await app.press('5', '▶ 5 Events');
	assert.match(lineWith(frame, 'Events'), /Events · times UTC\+05:30/);
	// wan2's route went down at the eleventh poll, 20 s after the first.
	assert.match(frame, /^03:43:40 ✗ wan2 DOWN: no active default route/m);
	assert.match(frame, /^2023-11-14 03:43:20 · flush wan3: removed 12 of 12/m, 'a day earlier: with its date');
});
