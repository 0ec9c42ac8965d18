import {createServer as createTcpServer, type Server, type Socket} from 'node:net';
import {createServer as createTlsServer, type TlsOptions} from 'node:tls';
import type {CommandExecutor} from './api/types.js';
import {FaultController, type FaultOptions} from './faults.js';
import {UserStore} from './model/users.js';
import type {RouterOsVersion} from './model/version.js';
import {ApiSession, type OnLogin} from './session.js';
import type {DecoderLimits} from './wire/codec.js';

export interface ApiServerOptions {
	executor: CommandExecutor;
	version: RouterOsVersion;
	/** Accounts allowed to log in; a new router's `admin` with an empty password by default. */
	users?: UserStore;
	/**
	 * Serve api-ssl (TLS) instead of plain api: with this certificate and key (PEM), or
	 * `{anonymous: true}` as a router with no certificate does (anonymous Diffie-Hellman).
	 */
	tls?: {cert: string | Buffer; key: string | Buffer} | {anonymous: true};
	faults?: FaultOptions;
	limits?: DecoderLimits;
	/** Told about failures inside the simulator, never about a client's mistakes. */
	onError?: (error: unknown) => void;
	/** Runs during a restart while the port is down, e.g. to clear the connection table. */
	onRestart?: () => void;
	/** Told of each login (`/user/active`); what it returns runs when that connection ends. */
	onLogin?: OnLogin;
}

export interface ListenAddress {
	host: string;
	port: number;
}

export interface ApiServer {
	/** Port 0 picks a free port; resolves with the address actually bound. */
	listen(port?: number, host?: string): Promise<ListenAddress>;
	/** Drops every connection and stops listening for good. */
	close(): Promise<void>;
	/** A router reboot: drops every connection, the port is down for `downMs`, then back. */
	restart(downMs?: number): Promise<void>;
	readonly address: ListenAddress | undefined;
	/** Connections open now. */
	readonly connections: number;
	readonly faults: FaultController;
}

/** Anonymous suites exist only up to TLS 1.2, and OpenSSL 3 offers them only at security level 0. */
const anonymousTls: TlsOptions = {
	ciphers: 'ADH-AES256-GCM-SHA384:ADH-AES128-GCM-SHA256:@SECLEVEL=0',
	maxVersion: 'TLSv1.2',
	dhparam: 'auto',
};

export function createApiServer(options: ApiServerOptions): ApiServer {
	return new SimApiServer(options);
}

class SimApiServer implements ApiServer {
	readonly faults: FaultController;
	address: ListenAddress | undefined;
	private readonly users: UserStore;
	private readonly sessions = new Set<ApiSession>();
	/** Raw TCP sockets, including TLS ones still shaking hands, so shutdown reaches them all. */
	private readonly sockets = new Set<Socket>();
	private listener: Server | undefined;
	private down = false;
	private closedForGood = false;
	private restartTimer: NodeJS.Timeout | undefined;
	private wakeRestart: (() => void) | undefined;

	constructor(private readonly options: ApiServerOptions) {
		this.users = options.users ?? new UserStore();
		this.faults = new FaultController(options.faults);
		this.faults.onChange(faults => this.portShouldBeOpen(!faults.closed));
	}

	get connections(): number {
		return this.sessions.size;
	}

	async listen(port = 0, host = '127.0.0.1'): Promise<ListenAddress> {
		if (this.address) throw new Error(`already listening on ${this.address.host}:${this.address.port}`);
		const listener = await this.bind(port, host);
		const bound = listener.address();
		this.address = {host, port: typeof bound === 'object' && bound ? bound.port : port};
		if (this.faults.current.closed) await this.stopListening();
		return this.address;
	}

	async close(): Promise<void> {
		this.closedForGood = true;
		clearTimeout(this.restartTimer);
		this.wakeRestart?.();
		await this.stopListening();
	}

	async restart(downMs = 1000): Promise<void> {
		if (!this.address || this.closedForGood) return;
		this.down = true;
		await this.stopListening();
		this.options.onRestart?.();
		await new Promise<void>(resolve => {
			this.wakeRestart = resolve;
			this.restartTimer = setTimeout(resolve, downMs);
		});
		this.wakeRestart = undefined;
		this.down = false;
		await this.portShouldBeOpen(!this.faults.current.closed);
	}

	private async portShouldBeOpen(open: boolean): Promise<void> {
		if (!this.address || this.closedForGood) return;
		if (!open) await this.stopListening();
		else if (!this.listener && !this.down) await this.bind(this.address.port, this.address.host);
	}

	private bind(port: number, host: string): Promise<Server> {
		const listener = this.createListener();
		this.listener = listener;
		return new Promise((resolve, reject) => {
			listener.once('error', error => {
				if (this.listener === listener) this.listener = undefined;
				reject(error);
			});
			listener.listen(port, host, () => {
				listener.removeAllListeners('error');
				listener.on('error', error => this.report(error));
				resolve(listener);
			});
		});
	}

	private createListener(): Server {
		const onConnection = (socket: Socket) => this.accept(socket);
		const {tls} = this.options;
		const listener = tls
			? createTlsServer('anonymous' in tls ? anonymousTls : {cert: tls.cert, key: tls.key}, onConnection)
			: createTcpServer(onConnection);
		listener.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
			// A TLS handshake can fail on the raw socket before any session exists.
			socket.on('error', () => {});
		});
		if (tls) listener.on('tlsClientError', () => {});
		return listener;
	}

	private accept(socket: Socket): void {
		try {
			const session = new ApiSession(socket, {
				executor: this.options.executor,
				users: this.users,
				version: this.options.version,
				faults: this.faults,
				limits: this.options.limits,
				onError: this.options.onError,
				onLogin: this.options.onLogin,
			});
			this.sessions.add(session);
			void session.closed.then(() => this.sessions.delete(session));
		} catch (error) {
			this.report(error);
			socket.destroy();
		}
	}

	/** Closes the port and drops every connection; resolves when the listener is closed. */
	private async stopListening(): Promise<void> {
		const listener = this.listener;
		this.listener = undefined;
		for (const session of this.sessions) session.destroy();
		for (const socket of this.sockets) socket.destroy();
		if (!listener?.listening) return;
		await new Promise<void>(resolve => listener.close(() => resolve()));
	}

	private report(error: unknown): void {
		try {
			this.options.onError?.(error);
		} catch {
			// A broken error callback must not take the server down.
		}
	}
}
