import {connect} from 'node:net';
import {connectFailure, connectTimeout, type FailureContext} from './errors.js';

const defaultTimeoutMs = 5000;

/**
 * Resolves the router's name and opens (then closes) a TCP connection to its API port, so a
 * wrong name or a closed port is said before anyone is asked for a password. Rejects with
 * the RouterError connecting would give.
 */
export function reachRouter(host: string, port: number, tls: boolean, timeoutMs = defaultTimeoutMs): Promise<void> {
	const context: FailureContext = {host, port, user: '', tls};
	return new Promise((resolve, reject) => {
		const socket = connect({host, port});
		const timer = setTimeout(() => finish(connectTimeout(context, 'tcp', timeoutMs)), timeoutMs);
		function finish(error?: unknown): void {
			clearTimeout(timer);
			socket.destroy();
			if (error === undefined) resolve();
			else reject(connectFailure(context, 'tcp', error));
		}
		socket.once('connect', () => finish());
		socket.once('error', error => finish(error));
	});
}
