import {setFlagsFromString} from 'node:v8';
import type {MonitorStore} from '../monitor/store.js';
import {afterPolls} from './after-polls.js';

/** Polls before the young generation is held: start-up and the first frames allocate fast. */
const settlingPolls = 5;

/**
 * Once the monitor has settled, stops V8's young generation from growing further. V8 grows
 * it, up to 2 x 16 MB, each time as much has survived collections as it holds, and gives it
 * back only after a long idle spell: within minutes that is a third of the monitor's resident
 * memory, for garbage that a few megabytes collect as well at one frame a second. On the
 * command line V8 raises a growth factor below 2 to 2; set at run time it holds.
 */
export function stopYoungGenerationGrowthWhenSettled(store: MonitorStore): () => void {
	return afterPolls(store, settlingPolls, () => setFlagsFromString('--semi-space-growth-factor=1'));
}
