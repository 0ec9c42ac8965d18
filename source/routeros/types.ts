import type {Row} from '../pcc/types.js';

/** The API's port when none is given: api 8728, api-ssl 8729. */
export function defaultPort(tls: boolean): number {
	return tls ? 8729 : 8728;
}

export interface ConnectOptions {
	host: string;
	/** Default 8728, or 8729 with tls. */
	port?: number;
	user: string;
	password: string;
	/**
	 * api-ssl. `ca`: PEM text of the CA(s) to trust instead of the system's. `fingerprint`:
	 * the SHA-256 of the router's certificate (hex, colons optional) to accept it whoever
	 * signed it. `insecure`: accept any certificate, and routers without one (anonymous DH).
	 */
	tls?: {ca?: string; insecure?: boolean; fingerprint?: string};
	/** Give up connecting and logging in after this long. Default 5000. */
	connectTimeoutMs?: number;
	/** Per-command timeout. Default 10000; connection-table reads get more. */
	commandTimeoutMs?: number;
	/** When the link has been quiet this long, send a cheap command to prove it alive. Default 10000. */
	keepaliveMs?: number;
	/** Drop the connection after this long without a byte from the router. Default 60000. */
	idleTimeoutMs?: number;
}

export interface PrintOptions {
	proplist?: string[];
	/** Query words without the leading `?`, e.g. `connection-mark=wan1_conn`, `#|`. */
	query?: string[];
	stats?: boolean;
	detail?: boolean;
	timeoutMs?: number;
}

/**
 * What the rest of pccmon knows of a router connection. Every call settles: with data,
 * with a RouterError, or with a timeout; none is left hanging when the link dies.
 */
export interface RouterApi {
	readonly host: string;
	readonly user: string;
	print(path: string, options?: PrintOptions): Promise<Row[]>;
	/** `print =count-only=` with the given query words. */
	count(path: string, query?: string[]): Promise<number>;
	/** Returns the new item's `.id`. */
	add(path: string, attributes: Record<string, string>): Promise<string>;
	set(path: string, id: string, attributes: Record<string, string>): Promise<void>;
	remove(path: string, ids: string[]): Promise<void>;
	move(path: string, ids: string[], before?: string): Promise<void>;
	/** Any other command, e.g. `/system/resource/print`; returns the `!re` rows. */
	run(command: string, attributes?: Record<string, string>): Promise<Row[]>;
	close(): Promise<void>;
}

export type RouterErrorKind =
	| 'unresolved'
	| 'unreachable'
	| 'refused'
	| 'timeout'
	| 'login'
	| 'permission'
	| 'tls'
	| 'not-routeros'
	| 'disconnected'
	| 'trap';

/** A failure, with one line a user can act on. */
export class RouterError extends Error {
	constructor(
		readonly kind: RouterErrorKind,
		message: string,
		/** The router's own trap text, for traps. */
		readonly routerMessage?: string,
	) {
		super(message);
		this.name = 'RouterError';
	}
}
