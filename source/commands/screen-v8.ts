import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {saveCodeCache} from '../launch/hook.js';
import type {MonitorStore} from '../monitor/store.js';
import {afterPolls} from './after-polls.js';

/** Start-up is over by the second poll: the first frame with data is long drawn. */
const startupPolls = 2;
/** Polls before the young generation is held: start-up and the first frames allocate fast. */
const settlingPolls = 5;
/** Polls before the first full collection: well after the start, well before V8's own. */
const firstCollectionPolls = 20;

/** A full collection now. V8 hands out its collector only to a context made after the flag. */
function collectGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

/**
 * Tunes V8 for a screen that runs the same few milliseconds of code once a second for hours
 * (docs/performance.md, "Memory after ten minutes"); returns what cancels what is still to
 * come. The code cache is written first: V8 stamps a cache with the flags in force when it is
 * written and refuses it under others, and the next start runs with none of these.
 *
 * - At the end of start-up, the code cache, with the code start-up ran.
 * - Then no optimizing compiler. Its compiler threads keep the memory they compiled in
 *   (malloc arenas of a few megabytes each, about 12 MB in all after ten minutes), for a
 *   fraction of a percent of one core here; interpreted and baseline code runs on. What
 *   costs: a flush from the screen takes pccmon about twice the CPU (the CLI's does not).
 * - Once the monitor has settled, no further growth of the young generation. V8 grows it,
 *   up to 2 x 16 MB, each time as much has survived collections as it holds, and gives it
 *   back only after a long idle spell: within minutes that is a third of the resident size,
 *   for garbage that a few megabytes collect as well at one frame a second. On the command
 *   line V8 raises a growth factor below 2 to 2; set at run time it holds.
 * - Twenty polls in, one full collection. V8's first comes only when the old generation has
 *   grown to about 27 MB, two minutes in at one poll a second, most of it polls long gone;
 *   the highest resident size of a session was that moment. After a full collection V8
 *   sizes the old generation from what is live, and collects by itself from then on.
 */
export function tuneV8ForScreen(store: MonitorStore): () => void {
	const stops = [
		afterPolls(store, startupPolls, () => {
			saveCodeCache();
			setFlagsFromString('--no-turbofan');
		}),
		afterPolls(store, settlingPolls, () => setFlagsFromString('--semi-space-growth-factor=1')),
		afterPolls(store, firstCollectionPolls, collectGarbage),
	];
	return () => {
		for (const stop of stops) stop();
	};
}
