import {isIP} from 'node:net';
import {UsageError} from './options.js';

/** `HOST:PORT`, `[IPv6]:PORT`, `:PORT` or `PORT` (on 127.0.0.1); port 0 picks a free one. */
export function parseListen(text: string, flag: string): {host: string; port: number} {
	const bad = () => new UsageError(`${flag} takes HOST:PORT, e.g. ${flag} 127.0.0.1:9728 (got "${text}")`);
	const match = /^(?:(?:\[([^\]]+)\]|([^:[\]]*)):)?(\d+)$/.exec(text.trim());
	if (!match) throw bad();
	const [, bracketed, named, digits] = match;
	const port = Number(digits);
	if (port > 65535 || (bracketed !== undefined && isIP(bracketed) !== 6)) throw bad();
	return {host: bracketed ?? (named || '127.0.0.1'), port};
}
