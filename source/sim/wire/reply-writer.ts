import {randomBytes} from 'node:crypto';
import type {Socket} from 'node:net';
import type {FaultController, FaultOptions} from '../faults.js';
import {encodeLength, encodeSentence} from './codec.js';

/** One unit of queued output while reply faults are on. */
type Step =
	| {kind: 'write'; bytes: Buffer; notBefore: number}
	| {kind: 'wait'; ms: number}
	| {kind: 'yield'}
	| {kind: 'end'}
	| {kind: 'reset'};

/** The length an `oversizedWord` fault claims: 2 GiB, far past any sane client limit. */
const oversizedLength = 0x80000000;

/**
 * Writes one connection's reply sentences in order. Without faults each sentence is one
 * socket write; with reply faults on, sentences go through a queue that cuts, delays,
 * corrupts or drops them. Once a fault has queued anything, later sentences queue too,
 * so order holds while faults are switched on and off.
 */
export class ReplyWriter {
	private readonly steps: Step[] = [];
	/** Index of the next step: Array.shift copies the rest each time, slow when a reply is big. */
	private head = 0;
	private running = false;
	private ending = false;
	private cancelWait: (() => void) | undefined;
	private chunkCycle = 0;

	constructor(
		private readonly socket: Socket,
		private readonly faults: FaultController,
	) {}

	/** `repliesBefore`: how many sentences this command already got (for mid-reply faults). */
	send(words: readonly string[], repliesBefore: number): void {
		if (this.ending || !this.socket.writable) return;
		if (!this.faults.affectsReplies && !this.running) {
			this.socket.write(encodeSentence(words));
			return;
		}
		this.queueFaulty(words, repliesBefore, this.faults.current);
	}

	/** Closes after everything already sent (FIN). */
	end(): void {
		if (this.ending) return;
		this.ending = true;
		if (this.running) this.enqueue({kind: 'end'});
		else this.socket.end();
	}

	/** Stops all pending work; the socket is gone. */
	dispose(): void {
		this.ending = true;
		this.steps.length = 0;
		this.head = 0;
		this.cancelWait?.();
		this.cancelWait = undefined;
	}

	private queueFaulty(words: readonly string[], repliesBefore: number, faults: FaultOptions): void {
		if (faults.stall) return;
		if (faults.dropMidReply !== undefined && repliesBefore >= faults.dropMidReply) {
			this.ending = true;
			this.enqueue({kind: 'end'});
			return;
		}
		if (faults.resetMidReply !== undefined && repliesBefore >= faults.resetMidReply) {
			this.ending = true;
			this.enqueue({kind: 'reset'});
			return;
		}
		let bytes = encodeSentence(words);
		if (faults.garbage) bytes = randomBytes(bytes.length);
		if (faults.oversizedWord) bytes = Buffer.concat([encodeLength(oversizedLength), bytes]);
		const notBefore = faults.slowReplies ? Date.now() + faults.slowReplies : 0;
		const pieces = faults.delayTerminator === undefined
			? [bytes]
			: [bytes.subarray(0, bytes.length - 1), bytes.subarray(bytes.length - 1)];
		pieces.forEach((piece, index) => {
			if (index > 0) this.steps.push({kind: 'wait', ms: faults.delayTerminator ?? 0});
			this.pushChunks(piece, notBefore, faults.tinyWrites);
		});
		this.run();
	}

	/** Cuts `bytes` into chunks of 1, 2, ... max bytes (repeating), a loop turn apart. */
	private pushChunks(bytes: Buffer, notBefore: number, max: number | undefined): void {
		if (max === undefined) {
			this.steps.push({kind: 'write', bytes, notBefore});
			return;
		}
		const limit = Math.max(1, max);
		for (let offset = 0; offset < bytes.length;) {
			const size = 1 + (this.chunkCycle++ % limit);
			if (offset > 0) this.steps.push({kind: 'yield'});
			this.steps.push({kind: 'write', bytes: bytes.subarray(offset, offset + size), notBefore});
			offset += size;
		}
	}

	private enqueue(step: Step): void {
		this.steps.push(step);
		this.run();
	}

	private run(): void {
		if (this.running) return;
		this.running = true;
		this.next();
	}

	/** Continues after `ms`, or after one turn of the event loop. */
	private later(ms: number | 'turn'): void {
		if (ms === 'turn') {
			const handle = setImmediate(() => this.next());
			this.cancelWait = () => clearImmediate(handle);
		} else {
			const handle = setTimeout(() => this.next(), ms);
			this.cancelWait = () => clearTimeout(handle);
		}
	}

	private next(): void {
		this.cancelWait = undefined;
		// Writes due together leave together (one syscall, as without faults); every step that
		// waits returns from drain(), so tiny writes and delayed terminators still go alone.
		this.socket.cork();
		try {
			this.drain();
		} finally {
			this.socket.uncork();
		}
	}

	private drain(): void {
		// A loop, not a call per write: a reply of ten thousand rows is as many writes in a row,
		// and recursing once per write overflowed the stack (slow-replies with a big listing).
		for (;;) {
			if (this.head >= 4096) {
				this.steps.splice(0, this.head);
				this.head = 0;
			}
			const step = this.steps[this.head];
			if (!step || this.socket.destroyed) {
				this.running = false;
				this.steps.length = 0;
				this.head = 0;
				return;
			}
			this.head++;
			switch (step.kind) {
				case 'write': {
					const delay = step.notBefore - Date.now();
					if (delay > 0) {
						this.head--;
						this.later(delay);
						return;
					}
					this.socket.write(step.bytes);
					continue;
				}
				case 'wait':
					this.later(step.ms);
					return;
				case 'yield':
					this.later('turn');
					return;
				case 'end':
					this.socket.end();
					this.running = false;
					return;
				case 'reset':
					// Write nothing, but wait until what came before has reached the kernel,
					// so the peer sees the replies and then the reset.
					this.socket.write(Buffer.alloc(0), () => resetSocket(this.socket));
					this.running = false;
					return;
			}
		}
	}
}

/** A TCP RST; a TLS socket resets the TCP connection beneath it. */
function resetSocket(socket: Socket): void {
	const tcp = (socket as Socket & {_parent?: Socket})._parent ?? socket;
	try {
		tcp.resetAndDestroy();
	} catch {
		tcp.destroy();
	}
	socket.destroy();
}
