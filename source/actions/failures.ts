import {RouterError} from '../routeros/types.js';

/** A link failure: the router's state is unknown and nothing may be sent again blindly. */
export function isLinkFailure(error: unknown): error is RouterError {
	return error instanceof RouterError && (error.kind === 'disconnected' || error.kind === 'timeout');
}

/** The trap for an id that no longer exists (a connection that expired meanwhile). */
export function isNoSuchItem(error: unknown): boolean {
	return error instanceof RouterError && /no such item/i.test(`${error.routerMessage ?? ''} ${error.message}`);
}

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** `work`, or a link failure after `ms`: for waits on a router that may stay away. */
export function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new RouterError('timeout', `${what} took longer than ${ms / 1000} s`)), ms);
	});
	return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
