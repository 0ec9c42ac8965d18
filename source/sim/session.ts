import type {Socket} from 'node:net';
import {category, traps} from './api/traps.js';
import type {ApiRequest, CommandContext, CommandExecutor, ReplySentence} from './api/types.js';
import type {ApiUser} from './model/users.js';
import type {FaultController} from './faults.js';
import type {UserStore} from './model/users.js';
import type {RouterOsVersion} from './model/version.js';
import {SentenceDecoder, WireProtocolError, type DecoderLimits} from './wire/codec.js';
import {LoginFlow} from './wire/login.js';
import {ReplyWriter} from './wire/reply-writer.js';
import {parseCommand, replyWords} from './wire/sentences.js';

export interface SessionOptions {
	executor: CommandExecutor;
	users: UserStore;
	version: RouterOsVersion;
	faults: FaultController;
	limits?: DecoderLimits;
	/** Told about failures inside the simulator (never about client mistakes). */
	onError?: (error: unknown) => void;
	/** Told when a client has logged in, with its address; what it returns runs when the connection ends. */
	onLogin?: OnLogin;
}

export type OnLogin = (user: ApiUser, address: string) => (() => void) | undefined;

export const quitReason = 'session terminated on request';
/** What RouterOS answers before login is undocumented; fakes commonly say this and close. */
export const notLoggedInReason = 'not logged in';

/** One command in flight, from its sentence to its `!done`. */
interface Command {
	tag: string | undefined;
	replies: number;
	finished: boolean;
	cancelled: boolean;
	stops: Array<() => void>;
}

/**
 * One API connection: login, then commands handed to the executor, with `.tag` copied onto
 * every reply, many commands in flight, `/cancel` and `/quit`. A client's mistakes end at
 * most its own connection; they never throw out of here.
 */
export class ApiSession {
	/** Resolves once the connection is gone and every streaming command has been stopped. */
	readonly closed: Promise<void>;
	private readonly decoder: SentenceDecoder;
	private readonly writer: ReplyWriter;
	private readonly login: LoginFlow;
	private readonly inFlight = new Set<Command>();
	private loggedIn: ApiUser | undefined;
	private loggedOut: () => void = () => {};
	private ending = false;
	private lingerTimer: NodeJS.Timeout | undefined;

	constructor(
		private readonly socket: Socket,
		private readonly options: SessionOptions,
	) {
		this.decoder = new SentenceDecoder(options.limits);
		this.writer = new ReplyWriter(socket, options.faults);
		this.login = new LoginFlow(options.users, options.version);
		this.closed = new Promise(resolve => {
			socket.once('close', () => {
				this.stopAll();
				this.runStop(this.loggedOut);
				resolve();
			});
		});
		// Errors (resets, writes after the peer left) end in 'close'; nothing more to do.
		socket.on('error', () => {});
		socket.setNoDelay(true);
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
	}

	get user(): ApiUser | undefined {
		return this.loggedIn;
	}

	/** Drops the connection at once (server shutdown, router restart, port closed). */
	destroy(): void {
		this.ending = true;
		this.writer.dispose();
		this.socket.destroy();
	}

	private receive(chunk: Buffer): void {
		if (this.ending) return;
		let sentences: string[][];
		try {
			sentences = this.decoder.push(chunk);
		} catch (error) {
			if (!(error instanceof WireProtocolError)) this.report(error);
			this.fatal(error instanceof Error ? error.message : 'protocol error');
			return;
		}
		// Replies produced while reading this chunk leave in one go; each is still its own write.
		this.socket.cork();
		for (const words of sentences) {
			if (this.ending) break;
			try {
				this.dispatch(words);
			} catch (error) {
				this.report(error);
			}
		}
		this.socket.uncork();
	}

	private dispatch(words: string[]): void {
		const {request, tag} = parseCommand(words);
		const faults = this.options.faults;
		if (faults.affectsRequests) {
			if (faults.current.stall) {
				faults.stalledCommands++;
				return;
			}
			const reason = faults.takeFatal();
			if (reason !== undefined) {
				this.fatal(reason);
				return;
			}
		}
		const command = request.command;
		// Before login only /login (and /quit) get through; a command word without its leading
		// `/` (node-routeros's `#` keepalive, `ip/address/print`) names no menu and gets the
		// router's trap either way, as it may come while a slow login is pending. Anything else
		// closes the connection (docs/simulator-api.md, commands).
		if (!command.startsWith('/')) {
			this.replyAll(tag, [{type: 'trap', message: traps.noSuchPrefix}, {type: 'done'}]);
		} else if (command === '/login') {
			const outcome = this.login.handle(new Map(request.attributes), faults.current.refuseLogin === true);
			if (outcome.user && !this.loggedIn) {
				this.loggedIn = outcome.user;
				const address = (this.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
				try {
					this.loggedOut = this.options.onLogin?.(outcome.user, address) ?? this.loggedOut;
				} catch (error) {
					this.report(error);
				}
			}
			this.replyAll(tag, outcome.replies);
		} else if (command === '/quit') {
			this.fatal(quitReason);
		} else if (!this.loggedIn) {
			this.fatal(notLoggedInReason);
		} else if (command === '/cancel') {
			const target = request.attributes.find(([name]) => name === 'tag')?.[1];
			for (const running of [...this.inFlight]) {
				if (target === undefined || running.tag === target) this.cancel(running);
			}
			this.replyAll(tag, [{type: 'done'}]);
		} else {
			this.execute(request, tag, this.loggedIn);
		}
	}

	private execute(request: ApiRequest, tag: string | undefined, user: ApiUser): void {
		const running: Command = {tag, replies: 0, finished: false, cancelled: false, stops: []};
		this.inFlight.add(running);
		const context: CommandContext = {
			user,
			emit: sentence => this.emit(running, sentence),
			onCancel: stop => {
				if (!running.finished) running.stops.push(stop);
				else if (running.cancelled) this.runStop(stop);
			},
		};
		try {
			this.options.executor.execute(request, context);
		} catch (error) {
			this.report(error);
			const message = error instanceof Error ? error.message : String(error);
			this.emit(running, {type: 'trap', category: category.general, message: `internal error: ${message}`});
			this.emit(running, {type: 'done'});
		}
	}

	private emit(running: Command, sentence: ReplySentence): void {
		if (running.finished) return;
		if (sentence.type === 'done') {
			running.finished = true;
			this.inFlight.delete(running);
		}
		if (!this.ending) this.writer.send(replyWords(sentence, running.tag), running.replies++);
	}

	/**
	 * Stops a command. A streaming command's stop hook is expected to emit the trap
	 * `interrupted` and `done` itself; whatever has not finished by then gets them here.
	 */
	private cancel(running: Command): void {
		this.stop(running);
		this.emit(running, {type: 'trap', category: category.interrupted, message: traps.interrupted});
		this.emit(running, {type: 'done'});
	}

	private stop(running: Command): void {
		running.cancelled = true;
		const stops = running.stops.splice(0);
		for (const stop of stops) this.runStop(stop);
	}

	private runStop(stop: () => void): void {
		try {
			stop();
		} catch (error) {
			this.report(error);
		}
	}

	private replyAll(tag: string | undefined, sentences: readonly ReplySentence[]): void {
		sentences.forEach((sentence, index) => this.writer.send(replyWords(sentence, tag), index));
	}

	/** `!fatal` with a bare reason word, then close: the connection cannot go on. */
	private fatal(reason: string): void {
		if (this.ending) return;
		this.writer.send(['!fatal', reason], 0);
		this.ending = true;
		this.writer.end();
		// A peer that never closes its side must not keep the socket forever.
		this.lingerTimer = setTimeout(() => this.socket.destroy(), 2000);
		this.lingerTimer.unref();
	}

	private stopAll(): void {
		this.ending = true;
		clearTimeout(this.lingerTimer);
		this.writer.dispose();
		for (const running of [...this.inFlight]) {
			running.finished = true;
			this.stop(running);
		}
		this.inFlight.clear();
	}

	private report(error: unknown): void {
		try {
			this.options.onError?.(error);
		} catch {
			// A broken error callback must not take the connection down with it.
		}
	}
}
