import type {Socket} from 'node:net';
import type {TLSSocket, TlsOptions} from 'node:tls';
import {RouterOSAPI} from 'node-routeros';
import type {Row} from '../pcc/types.js';
import {fatalEvent} from '../../patches/node-routeros.js';
import {
	closedWhileConnecting,
	commandTimeout,
	connectFailure,
	connectionLost,
	connectTimeout,
	fingerprintMismatch,
	trapped,
	type ConnectPhase,
	type FailureContext,
	type Policy,
} from './errors.js';
import {formatFingerprint, normalizeFingerprint, peerFingerprint, tlsConnectOptions} from './tls.js';
import {defaultPort, RouterError, type ConnectOptions, type PrintOptions, type RouterApi} from './types.js';

/** A RouterApi that also says when it ends. */
export interface RouterConnection extends RouterApi {
	readonly port: number;
	/** Settles once, when the connection ends: with why, or null after close(). */
	readonly closed: Promise<RouterError | null>;
	/** The connected socket (TLS details, local address, socket options). */
	readonly socket: Socket;
}

const defaults = {
	connectTimeoutMs: 5000,
	commandTimeoutMs: 10_000,
	keepaliveMs: 10_000,
	idleTimeoutMs: 60_000,
};

/** Reading connections can take long on a busy router: give it this many command timeouts. */
const connectionTableFactor = {count: 3, print: 6};

/** node-routeros members we need that its typings keep private. */
interface LibraryInternals {
	connector?: {socket: Socket; destroy(): void; on(event: 'error', listener: () => void): void} | null;
	connectionHoldInterval?: NodeJS.Timeout;
	keptaliveby?: NodeJS.Timeout;
}

/** What the socket said before it went away; node-routeros hides it (empty messages). */
interface SocketWatch {
	error?: Error & {code?: string; sample?: Buffer};
	fatal?: string;
}

function internals(ros: RouterOSAPI): LibraryInternals {
	return ros as unknown as LibraryInternals;
}

/** Stops everything the library instance holds: its timers, listeners and socket. */
function discard(ros: RouterOSAPI): void {
	const library = internals(ros);
	clearTimeout(library.connectionHoldInterval);
	clearTimeout(library.keptaliveby);
	ros.removeAllListeners();
	const connector = library.connector;
	connector?.destroy();
	// The Connector re-emits socket errors; with its listeners gone a late one would be thrown.
	connector?.on('error', () => undefined);
}

function watch(socket: Socket): SocketWatch {
	const seen: SocketWatch = {};
	// Prepended: node-routeros reacts first otherwise (a message-less RosException, or a close
	// event) and the details would arrive after the connection is already gone.
	socket.prependListener('error', (error: Error & {code?: string}) => {
		seen.error ??= error;
	});
	socket.prependListener(fatalEvent, (reason: string) => {
		seen.fatal = reason;
	});
	return seen;
}

/**
 * Connects and logs in. Settles within connectTimeoutMs: with a live connection, or with a
 * RouterError whose message says what to do.
 */
export function connectRouter(options: ConnectOptions): Promise<RouterConnection> {
	const port = options.port ?? defaultPort(options.tls !== undefined);
	const context: FailureContext = {host: options.host, port, user: options.user, tls: options.tls !== undefined, insecure: options.tls?.insecure === true};
	const connectTimeoutMs = options.connectTimeoutMs ?? defaults.connectTimeoutMs;
	const pin = options.tls?.fingerprint === undefined ? undefined : normalizeFingerprint(options.tls.fingerprint);
	if (options.tls?.fingerprint !== undefined && pin === undefined) {
		return Promise.reject(new RouterError('tls', `--fingerprint must be a SHA-256 (64 hex digits), got "${options.tls.fingerprint}"`));
	}
	const ros = new RouterOSAPI({
		host: options.host,
		port,
		user: options.user,
		password: options.password,
		// Handed to tls.connect as is; the library's typings name the server-side options type.
		tls: options.tls === undefined ? undefined : tlsConnectOptions(options.tls) as TlsOptions,
		// The library's timeout is a socket idle timeout; our keepalive keeps a healthy link busy.
		timeout: (options.idleTimeoutMs ?? defaults.idleTimeoutMs) / 1000,
		keepalive: false,
	});

	return new Promise((resolve, reject) => {
		let phase: ConnectPhase = 'tcp';
		let settled = false;
		let rejection: RouterError | undefined;
		const fail = (error: unknown): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			discard(ros);
			reject(rejection ?? connectFailure(context, phase, seen.error ?? error));
		};
		const timer = setTimeout(() => fail(connectTimeout(context, phase, connectTimeoutMs)), connectTimeoutMs);
		ros.on('error', fail);
		// node-routeros leaves connect() pending forever when the peer closes during login.
		ros.on('close', () => fail(closedWhileConnecting(context, phase, seen.fatal)));
		ros.connect().then(
			() => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				resolve(new Connection(ros, socket, seen, context, options));
			},
			fail,
		);

		const socket = internals(ros).connector!.socket;
		const seen = watch(socket);
		socket.once('connect', () => {
			// Nagle holds each small command ~40 ms waiting for an ACK; commands are tiny.
			socket.setNoDelay(true);
			phase = options.tls ? 'tls' : 'login';
		});
		if (options.tls) {
			// Runs before the library's own listener, which sends the login: a certificate that
			// does not match the pin never sees the password.
			socket.prependOnceListener('secureConnect', () => {
				phase = 'login';
				if (pin === undefined) return;
				const actual = peerFingerprint(socket as TLSSocket);
				if (actual !== pin) {
					rejection = actual === undefined
						? new RouterError('tls', `${context.host} sent no certificate to check the fingerprint against (a router without a certificate needs --insecure)`)
						: fingerprintMismatch(context, formatFingerprint(actual));
					socket.destroy();
					fail(rejection);
				}
			});
		}
	});
}

interface Pending {
	reject: (error: RouterError) => void;
	timer: NodeJS.Timeout;
}

class Connection implements RouterConnection {
	readonly host: string;
	readonly user: string;
	readonly port: number;
	readonly closed: Promise<RouterError | null>;
	private resolveClosed!: (reason: RouterError | null) => void;
	private endReason: RouterError | undefined;
	private readonly inflight = new Set<Pending>();
	private readonly commandTimeoutMs: number;
	private readonly keepaliveMs: number;
	private readonly keepalive: NodeJS.Timeout;
	private lastActivity = Date.now();

	constructor(
		private readonly ros: RouterOSAPI,
		readonly socket: Socket,
		private readonly seen: SocketWatch,
		private readonly context: FailureContext,
		options: ConnectOptions,
	) {
		this.host = context.host;
		this.user = context.user;
		this.port = context.port;
		this.commandTimeoutMs = options.commandTimeoutMs ?? defaults.commandTimeoutMs;
		this.keepaliveMs = options.keepaliveMs ?? defaults.keepaliveMs;
		this.closed = new Promise(resolve => {
			this.resolveClosed = resolve;
		});
		ros.removeAllListeners('error');
		ros.removeAllListeners('close');
		ros.on('error', (error: {errno?: unknown}) => {
			const code = this.seen.error?.code ?? (typeof error.errno === 'string' ? error.errno : undefined);
			this.drop(connectionLost(context, {code, fatal: this.seen.fatal, sample: this.seen.error?.sample}));
		});
		ros.on('close', () => this.drop(connectionLost(context, {fatal: this.seen.fatal})));
		this.keepalive = setInterval(() => this.keepAlive(), this.keepaliveMs);
	}

	print(path: string, options: PrintOptions = {}): Promise<Row[]> {
		const words = [`${menu(path)}/print`];
		if (options.stats) words.push('=stats=');
		if (options.detail) words.push('=detail=');
		if (options.proplist) words.push(`=.proplist=${options.proplist.join(',')}`);
		for (const query of options.query ?? []) words.push(`?${query}`);
		const timeoutMs = options.timeoutMs ?? this.timeoutFor(path, 'print');
		return this.send(words, 'read', timeoutMs).then(rows => rows.filter(row => !isDoneOnly(row)));
	}

	async count(path: string, query: string[] = []): Promise<number> {
		const words = [`${menu(path)}/print`, '=count-only=', ...query.map(word => `?${word}`)];
		const rows = await this.send(words, 'read', this.timeoutFor(path, 'count'));
		const ret = rows.find(row => row.ret !== undefined)?.ret;
		return ret === undefined ? 0 : Number(ret);
	}

	async add(path: string, attributes: Record<string, string>): Promise<string> {
		const rows = await this.send([`${menu(path)}/add`, ...attributeWords(attributes)], 'write');
		return rows.filter(row => row.ret !== undefined).at(-1)?.ret ?? '';
	}

	async set(path: string, id: string, attributes: Record<string, string>): Promise<void> {
		await this.send([`${menu(path)}/set`, `=.id=${id}`, ...attributeWords(attributes)], 'write');
	}

	async remove(path: string, ids: string[]): Promise<void> {
		if (ids.length === 0) return;
		await this.send([`${menu(path)}/remove`, `=.id=${ids.join(',')}`], 'write');
	}

	async move(path: string, ids: string[], before?: string): Promise<void> {
		if (ids.length === 0) return;
		const words = [`${menu(path)}/move`, `=numbers=${ids.join(',')}`];
		if (before !== undefined) words.push(`=destination=${before}`);
		await this.send(words, 'write');
	}

	run(command: string, attributes: Record<string, string> = {}): Promise<Row[]> {
		const policy: Policy = /\/(print|getall)$/.test(command) ? 'read' : 'write';
		return this.send([command, ...attributeWords(attributes)], policy);
	}

	async close(): Promise<void> {
		this.drop(null);
	}

	private timeoutFor(path: string, kind: 'count' | 'print'): number {
		const connections = /^\/ipv?6?\/firewall\/connection\/?$/.test(path);
		return connections ? this.commandTimeoutMs * connectionTableFactor[kind] : this.commandTimeoutMs;
	}

	/**
	 * One command, raced against its timeout. node-routeros cannot cancel a command (its tag is
	 * private), so a timeout ends the whole connection; the session reconnects.
	 */
	private send(words: string[], policy: Policy, timeoutMs = this.commandTimeoutMs): Promise<Row[]> {
		if (this.endReason) return Promise.reject(this.endReason);
		const command = words[0];
		return new Promise<Row[]>((resolve, reject) => {
			const pending: Pending = {
				reject,
				timer: setTimeout(() => this.drop(commandTimeout(this.context, command, timeoutMs)), timeoutMs),
			};
			this.inflight.add(pending);
			const finish = (): boolean => {
				if (!this.inflight.delete(pending)) return false;
				clearTimeout(pending.timer);
				this.lastActivity = Date.now();
				return true;
			};
			// A copy: the library appends `.tag=…` to the array it is given.
			this.ros.write(words.slice()).then(
				rows => {
					if (finish()) resolve(rows as Row[]);
				},
				(error: Error) => {
					if (finish()) reject(trapped(this.context, command, error.message, policy));
				},
			);
		});
	}

	private keepAlive(): void {
		if (this.inflight.size > 0 || Date.now() - this.lastActivity < this.keepaliveMs) return;
		// Any answer proves the link; no answer within the command timeout ends it.
		this.send(['/system/identity/print'], 'read').catch(() => undefined);
	}

	/** Ends the connection once: every command in flight is rejected, nothing is left running. */
	private drop(reason: RouterError | null): void {
		if (this.endReason) return;
		this.endReason = reason ?? new RouterError('disconnected', `the connection to ${this.host} was closed`);
		clearInterval(this.keepalive);
		for (const pending of this.inflight) {
			clearTimeout(pending.timer);
			pending.reject(this.endReason);
		}
		this.inflight.clear();
		discard(this.ros);
		this.resolveClosed(reason);
	}
}

function menu(path: string): string {
	return path.replace(/\/+$/, '');
}

function attributeWords(attributes: Record<string, string>): string[] {
	return Object.entries(attributes).map(([name, value]) => `=${name}=${value}`);
}

/** node-routeros adds `!done`'s attributes as a last row; a print has none but `ret`. */
function isDoneOnly(row: Row): boolean {
	const keys = Object.keys(row);
	return keys.length === 1 && keys[0] === 'ret';
}
