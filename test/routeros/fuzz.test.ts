import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {describe, it} from 'node:test';
import {Receiver} from 'node-routeros';
import '../../patches/node-routeros.js';
import {encodeSentence} from '../../source/sim/wire/codec.js';

/*
 * Whatever a peer sends, the patched reader never throws out of the socket's data handler
 * (which would kill pccmon): it delivers sentences, or ends the connection with an error.
 */

class FakeSocket extends EventEmitter {
	failure: (Error & {code?: string}) | undefined;
	destroy(error?: Error): void {
		this.failure ??= error;
	}
}

function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

function feed(bytes: Buffer, random: () => number): {socket: FakeSocket; packets: string[][]} {
	const socket = new FakeSocket();
	const receiver = new Receiver(socket as never);
	const packets: string[][] = [];
	receiver.read('t', packet => packets.push(packet));
	for (let offset = 0; offset < bytes.length;) {
		const size = 1 + Math.floor(random() * 64);
		receiver.processRawData(bytes.subarray(offset, offset + size));
		offset += size;
	}
	return {socket, packets};
}

function validReply(random: () => number): Buffer {
	const sentences: Buffer[] = [];
	const rows = Math.floor(random() * 5);
	for (let row = 0; row < rows; row++) {
		const value = 'v'.repeat(Math.floor(random() * 300));
		sentences.push(encodeSentence(['!re', `=name=${value}`, '.tag=t']));
	}
	if (random() < 0.3) sentences.push(encodeSentence(['!empty', '.tag=t']));
	if (random() < 0.3) sentences.push(encodeSentence(['!trap', '=message=bad', '.tag=t']));
	sentences.push(encodeSentence(['!done', '.tag=t']));
	return Buffer.concat(sentences);
}

describe('patched Receiver under random input', () => {
	it('never throws on 2,000 random byte strings; a failure is always the not-RouterOS error', () => {
		const random = seeded(42);
		for (let index = 0; index < 2000; index++) {
			const bytes = Buffer.from(Array.from({length: Math.floor(random() * 200)}, () => Math.floor(random() * 256)));
			const {socket} = feed(bytes, random);
			if (socket.failure) assert.equal(socket.failure.code, 'PCCMON_NOT_ROUTEROS');
		}
	});

	it('never throws on 2,000 valid replies with one byte changed, and delivers all of an unchanged one', () => {
		const random = seeded(7);
		for (let index = 0; index < 2000; index++) {
			const bytes = validReply(random);
			const intact = feed(bytes, random);
			assert.equal(intact.socket.failure, undefined);
			assert.deepEqual(intact.packets.at(-1), ['!done']);
			const mutated = Buffer.from(bytes);
			mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
			const {socket} = feed(mutated, random);
			if (socket.failure) assert.equal(socket.failure.code, 'PCCMON_NOT_ROUTEROS');
		}
	});
});
