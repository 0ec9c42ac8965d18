import {liveWans} from '../pcc/live.js';
import type {Snapshot} from '../monitor/types.js';
import {onceDocument, type OnceDocument} from './report.js';

/**
 * The `--once --json` document of one poll the monitor made: what metrics and replays report,
 * so a script reads a scrape, a recording and a one-off report the same way.
 */
export function snapshotDocument(host: string, snapshot: Snapshot, intervalMs: number): OnceDocument {
	const {router, topology, counts, counting} = snapshot;
	return onceDocument({
		host,
		identity: router.identity,
		version: router.version,
		board: router.board,
		uptime: router.uptime,
		topology,
		wans: liveWans(topology.wans, snapshot.routes, counts),
		counts,
		counting: {routerMs: counting.routerMs, everyMs: counting.everyMs, intervalMs},
	});
}
