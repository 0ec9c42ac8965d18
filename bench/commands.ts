import type {RouterApi} from '../source/routeros/types.js';

export type Method = 'print' | 'count' | 'add' | 'set' | 'remove' | 'move' | 'run';
const methods: readonly Method[] = ['print', 'count', 'add', 'set', 'remove', 'move', 'run'];

/** A RouterApi whose every command goes through `wrap`; close and the names pass straight on. */
function around(api: RouterApi, wrap: <T>(method: Method, call: () => Promise<T>) => Promise<T>): RouterApi {
	const wrapped = {host: api.host, user: api.user, close: () => api.close()} as RouterApi;
	for (const method of methods) {
		const original = (api[method] as (...args: unknown[]) => Promise<unknown>).bind(api);
		(wrapped as unknown as Record<Method, unknown>)[method] = (...args: unknown[]) => wrap(method, () => original(...args));
	}
	return wrapped;
}

export interface CommandLog {
	api: RouterApi;
	/** Commands sent since the last reset. */
	readonly sent: number;
	/** Of those, how many were this method (`remove`, `print`...). */
	sentOf(method: Method): number;
	/**
	 * Round trips a link with latency would cost: a command sent after another one's reply
	 * arrived may depend on it, so it counts one round after that one; commands sent together
	 * share a round. On loopback this over-counts rather than under-counts.
	 */
	rounds(): number;
	reset(): void;
}

/** Records when each command was sent and answered. */
export function recording(api: RouterApi): CommandLog {
	let log: Array<{method: Method; sent: number; answered: number}> = [];
	const wrapped = around(api, async (method, call) => {
		const entry = {method, sent: performance.now(), answered: Number.POSITIVE_INFINITY};
		log.push(entry);
		try {
			return await call();
		} finally {
			entry.answered = performance.now();
		}
	});
	return {
		api: wrapped,
		get sent() {
			return log.length;
		},
		sentOf(method) {
			return log.filter(entry => entry.method === method).length;
		},
		rounds() {
			const depth: number[] = [];
			log.forEach((command, index) => {
				let before = 0;
				for (let earlier = 0; earlier < index; earlier++) {
					if (log[earlier].answered <= command.sent) before = Math.max(before, depth[earlier]);
				}
				depth.push(before + 1);
			});
			return Math.max(0, ...depth);
		},
		reset() {
			log = [];
		},
	};
}

/** The same reads, one command at a time: each waits for the previous reply (no pipelining). */
export function sequential(api: RouterApi): RouterApi {
	let previous: Promise<unknown> = Promise.resolve();
	return around(api, (_method, call) => {
		const next = previous.then(call, call);
		previous = next.catch(() => undefined);
		return next;
	});
}
