import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {describe, it} from 'node:test';
import {Receiver, Transmitter} from 'node-routeros';
import '../../patches/node-routeros.js';
import {encodeSentence, SentenceDecoder} from '../../source/sim/wire/codec.js';

/**
 * The real node-routeros Receiver (patched), fed bytes the way its socket would feed them.
 * Only the socket is a stand-in: it records what the receiver asks of it.
 */
class FakeSocket extends EventEmitter {
	destroyedWith: (Error & {code?: string; sample?: Buffer}) | undefined;
	destroy(error?: Error): void {
		this.destroyedWith = error;
	}
}

function receiverWithTag(tag: string) {
	const socket = new FakeSocket();
	const receiver = new Receiver(socket as never);
	const packets: string[][] = [];
	receiver.read(tag, packet => packets.push(packet));
	return {socket, receiver, packets};
}

function feedInChunks(receiver: Receiver, bytes: Buffer, sizes: () => number): void {
	for (let offset = 0; offset < bytes.length;) {
		const size = Math.max(1, sizes());
		receiver.processRawData(bytes.subarray(offset, offset + size));
		offset += size;
	}
}

/** A reply of `rows` !re sentences and a !done, tagged `t`. */
function reply(rows: number): {bytes: Buffer; expected: string[][]} {
	const sentences: string[][] = [];
	const expected: string[][] = [];
	for (let index = 0; index < rows; index++) {
		const words = [`=.id=*${index.toString(16)}`, `=name=row${index}`, `=comment=${'c'.repeat(index % 200)}`];
		sentences.push(['!re', ...words.slice(0, 1), '.tag=t', ...words.slice(1)]);
		expected.push(['!re', ...words]);
	}
	sentences.push(['!done', '.tag=t']);
	expected.push(['!done']);
	return {bytes: Buffer.concat(sentences.map(words => encodeSentence(words))), expected};
}

/** A deterministic generator, so a failing split can be replayed. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

describe('patched Receiver: framing', () => {
	it('delivers every row, in order, whether the reply comes whole, byte by byte or in random pieces', () => {
		const {bytes, expected} = reply(300);
		const random = seeded(7);
		for (const sizes of [() => bytes.length, () => 1, () => 2, () => 3, () => 1 + Math.floor(random() * 3000)]) {
			const {receiver, packets} = receiverWithTag('t');
			feedInChunks(receiver, bytes, sizes);
			assert.deepEqual(packets, expected);
		}
	});

	it('delivers a sentence as soon as its terminator arrives, even alone in a later read', () => {
		const {receiver, packets} = receiverWithTag('t');
		const bytes = encodeSentence(['!done', '.tag=t', '=ret=42']);
		receiver.processRawData(bytes.subarray(0, bytes.length - 1));
		assert.deepEqual(packets, []);
		receiver.processRawData(bytes.subarray(bytes.length - 1));
		assert.deepEqual(packets, [['!done', '=ret=42']]);
	});

	it('reads words of every length form, including prefixes split across reads', () => {
		const lengths = [0x7F, 0x80, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000];
		const words = ['!re', '.tag=t', ...lengths.map((length, index) => `=w${index}=${'x'.repeat(length - `=w${index}=`.length)}`)];
		// Each word cut after its first and second byte: every prefix form gets split.
		const pieces = words.flatMap(word => {
			const bytes = encodeSentence([word]).subarray(0, -1);
			return [bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)];
		});
		const {receiver, packets} = receiverWithTag('t');
		for (const piece of [...pieces, Buffer.from([0])]) receiver.processRawData(piece);
		assert.deepEqual(packets, [['!re', ...words.slice(2)]]);
	});

	it('accepts a length in any of the five prefix forms, the 0xF0 form too', () => {
		const word = Buffer.from('!done');
		const prefixes = [[0x05], [0x80, 0x05], [0xC0, 0x00, 0x05], [0xE0, 0x00, 0x00, 0x05], [0xF0, 0x00, 0x00, 0x00, 0x05]];
		for (const prefix of prefixes) {
			const {receiver, packets} = receiverWithTag('t');
			const tag = encodeSentence(['.tag=t']);
			receiver.processRawData(Buffer.concat([Buffer.from(prefix), word, tag]));
			assert.deepEqual(packets, [['!done']], `prefix ${prefix.join(',')}`);
		}
	});

	it('keeps pipelined replies for different tags apart', () => {
		const socket = new FakeSocket();
		const receiver = new Receiver(socket as never);
		const seen: Record<string, string[][]> = {a: [], b: []};
		receiver.read('a', packet => seen.a.push(packet));
		receiver.read('b', packet => seen.b.push(packet));
		const bytes = Buffer.concat([
			encodeSentence(['!re', '.tag=a', '=n=1']),
			encodeSentence(['!re', '.tag=b', '=n=2']),
			encodeSentence(['!done', '.tag=b']),
			encodeSentence(['!re', '.tag=a', '=n=3']),
			encodeSentence(['!done', '.tag=a']),
		]);
		feedInChunks(receiver, bytes, () => 1);
		assert.deepEqual(seen, {
			a: [['!re', '=n=1'], ['!re', '=n=3'], ['!done']],
			b: [['!re', '=n=2'], ['!done']],
		});
	});
});

describe('patched Receiver: reply words', () => {
	it('drops !empty, tagged or not, so the !done after it completes the command', () => {
		const {receiver, packets} = receiverWithTag('t');
		receiver.processRawData(Buffer.concat([
			encodeSentence(['!empty', '.tag=t']),
			encodeSentence(['!empty']),
			encodeSentence(['!done', '.tag=t']),
		]));
		assert.deepEqual(packets, [['!done']]);
	});

	it('ignores replies for tags nobody waits for instead of throwing', () => {
		const {receiver, packets} = receiverWithTag('t');
		receiver.processRawData(Buffer.concat([
			encodeSentence(['!done', '.tag=gone']),
			encodeSentence(['!re', '=untagged=1']),
			encodeSentence(['!done', '.tag=t']),
		]));
		assert.deepEqual(packets, [['!done']]);
	});

	it('turns !fatal into the socket event the Connector closes on, with the reason', () => {
		const {socket, receiver, packets} = receiverWithTag('t');
		const reasons: string[] = [];
		socket.on('fatal', (reason: string) => reasons.push(reason));
		receiver.processRawData(Buffer.concat([
			encodeSentence(['!fatal', 'session terminated on request']),
			encodeSentence(['!done', '.tag=t']),
		]));
		assert.deepEqual(reasons, ['session terminated on request']);
		assert.deepEqual(packets, [], 'nothing is read after !fatal');
	});

	it('fails the socket at the first byte of an HTTP answer, with a sample of it', () => {
		const {socket, receiver, packets} = receiverWithTag('t');
		receiver.processRawData(Buffer.from('HTTP/1.1 400 Bad Request\r\n'));
		assert.equal(socket.destroyedWith?.code, 'PCCMON_NOT_ROUTEROS');
		assert.match(socket.destroyedWith?.sample?.toString('latin1') ?? '', /^HTTP\/1\.1/);
		assert.deepEqual(packets, []);
	});

	it('fails the socket on an unknown reply word and on a control byte', () => {
		for (const bytes of [encodeSentence(['!what', '.tag=t']), Buffer.from([0xF8, 0, 0])]) {
			const {socket, receiver} = receiverWithTag('t');
			receiver.processRawData(bytes);
			assert.equal(socket.destroyedWith?.code, 'PCCMON_NOT_ROUTEROS');
		}
	});
});

describe('patched text encoding', () => {
	it('decodes UTF-8 words as UTF-8 and other bytes as windows-1252', () => {
		const {receiver, packets} = receiverWithTag('t');
		const utf8 = encodeSentence(['!re', '.tag=t', '=comment=café ✓ Привет']);
		const latin = Buffer.concat([Buffer.from([1 + 9 + 1, ...Buffer.from('=comment='), 0xE9, 0x80]), Buffer.from([0])]);
		receiver.processRawData(Buffer.concat([utf8, Buffer.from([3, ...Buffer.from('!re')]), Buffer.from([6, ...Buffer.from('.tag=t')]), latin]));
		assert.deepEqual(packets, [['!re', '=comment=café ✓ Привет'], ['!re', '=comment=é€']]);
	});

	it('sends words as UTF-8 with the right length prefix', () => {
		const written: Buffer[] = [];
		const socket = Object.assign(new EventEmitter(), {writable: true, write: (data: Buffer) => written.push(Buffer.from(data))});
		const transmitter = new Transmitter(socket as never);
		for (const word of ['=comment=Привет ✓', `=long=${'я'.repeat(100)}`, null]) transmitter.write(word as string);
		const decoder = new SentenceDecoder();
		assert.deepEqual(decoder.push(Buffer.concat(written)), [['=comment=Привет ✓', `=long=${'я'.repeat(100)}`]]);
	});
});
