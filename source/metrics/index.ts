import {MetricsRegistry, type WatchedRouter} from './registry.js';
import {serveMetrics, type MetricsServer} from './server.js';

export type {WatchedRouter} from './registry.js';
export {ListenError, type MetricsServer} from './server.js';

/** `/metrics` for these routers, listening at once. */
export function startMetrics(routers: readonly WatchedRouter[], listen: {host: string; port: number}): Promise<MetricsServer> {
	return serveMetrics(new MetricsRegistry(routers), listen.host, listen.port);
}
