import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {Random} from '../../../source/sim/engine/random.js';
import {
	SentenceDecoder,
	WireProtocolError,
	decodeLength,
	encodeLength,
	encodeSentence,
	encodeWord,
} from '../../../source/sim/wire/codec.js';

describe('length prefixes', () => {
	const boundaries: Array<[number, number[]]> = [
		[0, [0x00]],
		[0x7F, [0x7F]],
		[0x80, [0x80, 0x80]],
		[0x3FFF, [0xBF, 0xFF]],
		[0x4000, [0xC0, 0x40, 0x00]],
		[0x1FFFFF, [0xDF, 0xFF, 0xFF]],
		[0x200000, [0xE0, 0x20, 0x00, 0x00]],
		[0xFFFFFFF, [0xEF, 0xFF, 0xFF, 0xFF]],
		[0x10000000, [0xF0, 0x10, 0x00, 0x00, 0x00]],
		[0xFFFFFFFF, [0xF0, 0xFF, 0xFF, 0xFF, 0xFF]],
	];
	for (const [length, bytes] of boundaries) {
		it(`encodes and decodes 0x${length.toString(16)} as ${bytes.length} byte(s)`, () => {
			assert.deepEqual([...encodeLength(length)], bytes);
			assert.deepEqual(decodeLength(Buffer.from(bytes)), {length, headerBytes: bytes.length});
		});
	}

	it('reports an incomplete prefix as needing more bytes', () => {
		assert.equal(decodeLength(Buffer.from([0xE0, 0x20, 0x00])), undefined);
		assert.equal(decodeLength(Buffer.alloc(0)), undefined);
	});

	it('rejects the reserved control bytes 0xF8 and above', () => {
		for (const first of [0xF8, 0xFC, 0xFF]) {
			assert.throws(() => decodeLength(Buffer.from([first, 0, 0, 0, 0])), WireProtocolError);
		}
	});

	it('refuses lengths that do not fit the protocol', () => {
		assert.throws(() => encodeLength(-1), RangeError);
		assert.throws(() => encodeLength(2 ** 32), RangeError);
	});
});

describe('words and sentences', () => {
	it('encodes words as UTF-8 bytes with their byte length', () => {
		assert.deepEqual([...encodeWord('é')], [2, 0xC3, 0xA9]);
		assert.deepEqual([...encodeSentence(['!done'])], [5, ...Buffer.from('!done'), 0]);
	});

	it('round-trips words right at the 1- and 2-byte boundaries', () => {
		const words = ['a'.repeat(0x7F), 'b'.repeat(0x80), 'c'.repeat(0x3FFF), 'd'.repeat(0x4000)];
		const decoder = new SentenceDecoder();
		assert.deepEqual(decoder.push(encodeSentence(words)), [words]);
	});

	it('ignores empty sentences', () => {
		const decoder = new SentenceDecoder();
		const bytes = Buffer.concat([Buffer.from([0, 0]), encodeSentence(['/quit']), Buffer.from([0])]);
		assert.deepEqual(decoder.push(bytes), [['/quit']]);
	});

	it('keeps a word value that contains = and non-ASCII text intact', () => {
		const words = ['/x/set', '=comment=a=b ✓ Привет', '=name='];
		assert.deepEqual(new SentenceDecoder().push(encodeSentence(words)), [words]);
	});

	it('fails on a word longer than the limit as soon as its prefix arrives', () => {
		const decoder = new SentenceDecoder({maxWordBytes: 100});
		assert.deepEqual(decoder.push(encodeWord('x'.repeat(100))), []);
		assert.throws(() => decoder.push(encodeLength(101)), /101 bytes exceeds the limit of 100/);
	});

	it('fails on a sentence that grows past its limit without a terminator', () => {
		const decoder = new SentenceDecoder({maxWordBytes: 100, maxSentenceBytes: 250});
		decoder.push(encodeWord('x'.repeat(99)));
		decoder.push(encodeWord('x'.repeat(99)));
		assert.throws(() => decoder.push(encodeWord('x'.repeat(99))), WireProtocolError);
	});

	it('fails on a control byte inside the stream', () => {
		const decoder = new SentenceDecoder();
		assert.throws(() => decoder.push(Buffer.concat([encodeWord('/login'), Buffer.from([0xF9])])), WireProtocolError);
	});
});

describe('streaming decode', () => {

	function randomSentences(next: () => number): string[][] {
		const sizes = [0, 1, 0x7E, 0x7F, 0x80, 0x81, 300, 0x3FFF, 0x4000, 20_000];
		return Array.from({length: 1 + Math.floor(next() * 6)}, () =>
			Array.from({length: 1 + Math.floor(next() * 5)}, (_, index) => {
				const size = sizes[Math.floor(next() * sizes.length)];
				return index === 0 ? `/w${size}` : `=k=${'ü'.repeat(Math.floor(size / 2))}`;
			}),
		);
	}

	it('gives the same sentences however the bytes are cut', () => {
		for (let seed = 1; seed <= 200; seed++) {
			// Seeded, so a failing case can be replayed from the seed in its message.
			const rng = new Random(seed);
			const next = () => rng.next();
			const sentences = randomSentences(next);
			const bytes = Buffer.concat(sentences.map(words => encodeSentence(words)));
			const maxChunk = [1, 3, 17, 1000, bytes.length][seed % 5];
			const decoder = new SentenceDecoder();
			const out: string[][] = [];
			for (let offset = 0; offset < bytes.length;) {
				const size = 1 + Math.floor(next() * maxChunk);
				out.push(...decoder.push(bytes.subarray(offset, offset + size)));
				offset += size;
			}
			assert.deepEqual(out, sentences, `seed ${seed}`);
		}
	});

	it('holds a sentence until its terminator arrives', () => {
		const decoder = new SentenceDecoder();
		const bytes = encodeSentence(['/ip/address/print', '.tag=1']);
		assert.deepEqual(decoder.push(bytes.subarray(0, bytes.length - 1)), []);
		assert.deepEqual(decoder.push(bytes.subarray(bytes.length - 1)), [['/ip/address/print', '.tag=1']]);
	});
});
