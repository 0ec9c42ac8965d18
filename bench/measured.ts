// The modules the bench drives, as one entry for scripts/bundle-bench.mjs to bundle.
export {flushMark} from '../source/actions/flush.js';
export {routerSource} from '../source/monitor/source.js';
export {discover} from '../source/pcc/discover.js';
export {countedMarks} from '../source/pcc/live.js';
export {connectRouter} from '../source/routeros/client.js';
export * as sim from '../source/sim/index.js';
