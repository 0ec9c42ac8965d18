import {connect as connectTcp, type Socket} from 'node:net';
import {connect as connectTls, type ConnectionOptions} from 'node:tls';
import {SentenceDecoder, encodeSentence} from '../../../source/sim/wire/codec.js';

export interface RawClientOptions {
	host?: string;
	/** Connect with TLS using these options (e.g. `{ca}` or `{rejectUnauthorized: false}`). */
	tls?: ConnectionOptions;
	/** How long next() and the other waits may take before they fail the test. */
	timeoutMs?: number;
}

/**
 * A bare RouterOS API client for tests that must see exact sentences and bytes (tags,
 * framing, faults), which node-routeros hides. Every wait is bounded by `timeoutMs`.
 */
export class RawClient {
	private readonly chunks: Buffer[] = [];
	private receivedBytes = 0;
	/** The size of each read, to see how replies were cut. */
	readonly reads: number[] = [];
	/** Set when the bytes stop decoding (garbage, oversized words); sentences stop there. */
	decodeError: Error | undefined;
	/** The socket error that ended the connection, if any (ECONNRESET after an RST). */
	socketError: NodeJS.ErrnoException | undefined;
	/** Resolves when the server has closed its side (FIN) or the connection is gone. */
	readonly ended: Promise<void>;
	readonly closed: Promise<void>;
	private readonly sentences: string[][] = [];
	private readonly decoder = new SentenceDecoder();
	private wake: (() => void) | undefined;

	private constructor(
		readonly socket: Socket,
		private readonly timeoutMs: number,
	) {
		this.ended = new Promise(resolve => {
			socket.once('end', resolve);
			socket.once('close', resolve);
		});
		this.closed = new Promise(resolve => socket.once('close', () => resolve()));
		socket.on('error', (error: NodeJS.ErrnoException) => {
			this.socketError = error;
		});
		socket.on('data', (chunk: Buffer) => {
			this.reads.push(chunk.length);
			this.chunks.push(chunk);
			this.receivedBytes += chunk.length;
			if (!this.decodeError) {
				try {
					this.sentences.push(...this.decoder.push(chunk));
				} catch (error) {
					this.decodeError = error as Error;
				}
			}
			this.notify();
		});
		socket.on('close', () => this.notify());
	}

	static connect(port: number, options: RawClientOptions = {}): Promise<RawClient> {
		const host = options.host ?? '127.0.0.1';
		const timeoutMs = options.timeoutMs ?? 5000;
		return new Promise((resolve, reject) => {
			const socket = options.tls
				? connectTls({host, port, servername: 'localhost', ...options.tls}, () => done())
				: connectTcp({host, port}, () => done());
			const fail = (error: Error) => reject(error);
			const done = () => {
				socket.off('error', fail);
				resolve(new RawClient(socket, timeoutMs));
			};
			socket.once('error', fail);
		});
	}

	/** Every byte received, in order (joined on demand, so long runs stay cheap). */
	get received(): Buffer {
		if (this.chunks.length > 1) this.chunks.splice(0, this.chunks.length, Buffer.concat(this.chunks));
		return this.chunks[0] ?? Buffer.alloc(0);
	}

	/** Sends one sentence. */
	send(...words: string[]): void {
		this.socket.write(encodeSentence(words));
	}

	/** The next sentence received; rejects when the connection closes first or time runs out. */
	async next(): Promise<string[]> {
		await this.until(() => this.sentences.length > 0, 'a sentence');
		return this.sentences.shift()!;
	}

	/** Sentences up to and including the first `!done` (or `!fatal`) carrying `tag`. */
	async reply(tag?: string): Promise<string[][]> {
		const out: string[][] = [];
		for (;;) {
			const sentence = await this.next();
			out.push(sentence);
			const sentenceTag = sentence.find(word => word.startsWith('.tag='))?.slice(5);
			if (sentence[0] === '!fatal') return out;
			if (sentence[0] === '!done' && sentenceTag === tag) return out;
		}
	}

	/** Logs in with the plain (6.43+) method; rejects unless the router says `!done`. */
	async login(name = 'admin', password = ''): Promise<void> {
		this.send('/login', `=name=${name}`, `=password=${password}`);
		const reply = await this.reply();
		if (reply.length !== 1) throw new Error(`login failed: ${JSON.stringify(reply)}`);
	}

	/** Waits until at least `count` bytes have arrived. */
	async bytes(count: number): Promise<Buffer> {
		await this.until(() => this.receivedBytes >= count, `${count} bytes`);
		return this.received;
	}

	/** Sentences decoded but not yet taken by next(). */
	get pending(): readonly string[][] {
		return this.sentences;
	}

	close(): Promise<void> {
		this.socket.destroy();
		return this.closed;
	}

	private async until(ready: () => boolean, what: string): Promise<void> {
		const deadline = Date.now() + this.timeoutMs;
		while (!ready()) {
			if (this.socket.destroyed || this.socket.readableEnded) {
				throw new Error(`connection closed while waiting for ${what}`);
			}
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`timed out waiting for ${what}`);
			await new Promise<void>(resolve => {
				const timer = setTimeout(resolve, left);
				this.wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
			this.wake = undefined;
		}
	}

	private notify(): void {
		this.wake?.();
	}
}
