import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {MetricsRegistry} from './registry.js';

export interface MetricsServer {
	/** `HOST:PORT` it listens on (the port picked when 0 was asked for). */
	address: string;
	close(): Promise<void>;
}

/** The address could not be listened on; the message says why and what to do. */
export class ListenError extends Error {
	override name = 'ListenError';
}

function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): ListenError {
	const why = error.code === 'EADDRINUSE' ? 'the port is in use' : error.code === 'EADDRNOTAVAIL' ? 'no such address here' : error.code === 'EACCES' ? 'permission denied' : (error.code ?? error.message);
	return new ListenError(`cannot serve metrics on ${host}:${port} (${why}); give another HOST:PORT`);
}

/** Serves `/metrics` in Prometheus's text format; anything else is 404. */
export function serveMetrics(registry: MetricsRegistry, host: string, port: number): Promise<MetricsServer> {
	const server: Server = createServer((request, response) => {
		const path = (request.url ?? '/').split('?')[0];
		if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
			response.writeHead(404, {'content-type': 'text/plain'}).end('pccmon serves /metrics\n');
			return;
		}
		registry.render().then(
			text => response.writeHead(200, {'content-type': registry.contentType}).end(request.method === 'HEAD' ? undefined : text),
			(error: unknown) => response.writeHead(500, {'content-type': 'text/plain'}).end(`${String(error)}\n`),
		);
	});
	return new Promise((resolve, reject) => {
		const failed = (error: NodeJS.ErrnoException) => reject(listenFailure(error, host, port));
		server.once('error', failed);
		server.listen(port, host, () => {
			server.off('error', failed);
			const bound = server.address() as AddressInfo;
			const shown = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
			resolve({
				address: `${shown}:${bound.port}`,
				close: () => new Promise(done => {
					server.closeAllConnections();
					server.close(() => done());
				}),
			});
		});
	});
}
