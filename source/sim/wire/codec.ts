/**
 * RouterOS API framing: a word is a length prefix plus that many bytes, a sentence is words
 * followed by a zero-length word. The protocol carries bytes; we read and write UTF-8.
 */

export const defaultMaxWordBytes = 1024 * 1024;
export const defaultMaxSentenceBytes = 16 * 1024 * 1024;

/** The peer broke the framing; the session cannot continue after one of these. */
export class WireProtocolError extends Error {
	override name = 'WireProtocolError';
}

export function encodeLength(length: number): Buffer {
	if (!Number.isInteger(length) || length < 0 || length > 0xFFFFFFFF) {
		throw new RangeError(`word length ${length} cannot be encoded`);
	}
	if (length < 0x80) return Buffer.from([length]);
	if (length < 0x4000) return Buffer.from([(length >>> 8) | 0x80, length & 0xFF]);
	if (length < 0x200000) {
		return Buffer.from([(length >>> 16) | 0xC0, (length >>> 8) & 0xFF, length & 0xFF]);
	}
	if (length < 0x10000000) {
		return Buffer.from([
			(length >>> 24) | 0xE0, (length >>> 16) & 0xFF, (length >>> 8) & 0xFF, length & 0xFF,
		]);
	}
	const header = Buffer.alloc(5);
	header[0] = 0xF0;
	header.writeUInt32BE(length, 1);
	return header;
}

export interface DecodedLength {
	length: number;
	headerBytes: number;
}

/**
 * Reads a length prefix at `offset`; undefined when more bytes are needed. A first byte of
 * 0xF8 or more is a control byte RouterOS reserves, which no client can continue after.
 */
export function decodeLength(buffer: Buffer, offset = 0): DecodedLength | undefined {
	if (offset >= buffer.length) return undefined;
	const first = buffer[offset];
	const headerBytes = lengthHeaderBytes(first);
	if (offset + headerBytes > buffer.length) return undefined;
	switch (headerBytes) {
		case 1:
			return {length: first, headerBytes};
		case 2:
			return {length: ((first & 0x3F) << 8) | buffer[offset + 1], headerBytes};
		case 3:
			return {length: ((first & 0x1F) << 16) | buffer.readUInt16BE(offset + 1), headerBytes};
		case 4:
			return {length: (first & 0x0F) * 0x1000000 + buffer.readUIntBE(offset + 1, 3), headerBytes};
		default:
			return {length: buffer.readUInt32BE(offset + 1), headerBytes};
	}
}

/** How many bytes a length prefix starting with `first` takes. */
function lengthHeaderBytes(first: number): number {
	if (first >= 0xF8) {
		throw new WireProtocolError(`unknown control byte 0x${first.toString(16)}`);
	}
	return first < 0x80 ? 1 : first < 0xC0 ? 2 : first < 0xE0 ? 3 : first < 0xF0 ? 4 : 5;
}

export function encodeWord(word: string): Buffer {
	const bytes = Buffer.from(word, 'utf8');
	return Buffer.concat([encodeLength(bytes.length), bytes]);
}

export function encodeSentence(words: readonly string[]): Buffer {
	const parts: Buffer[] = [];
	let size = 1;
	for (const word of words) {
		const bytes = Buffer.from(word, 'utf8');
		const header = encodeLength(bytes.length);
		parts.push(header, bytes);
		size += header.length + bytes.length;
	}
	parts.push(terminator);
	return Buffer.concat(parts, size);
}

const terminator = Buffer.from([0]);

export interface DecoderLimits {
	/** Longest word accepted; a longer length prefix fails at once, before its bytes arrive. */
	maxWordBytes?: number;
	/** Most bytes one sentence may hold, so endless unterminated sentences cannot eat memory. */
	maxSentenceBytes?: number;
}

/**
 * Turns a byte stream, cut anywhere, into sentences. Keeps partial data between pushes
 * and joins chunks only once enough bytes for the next word have arrived.
 */
export class SentenceDecoder {
	private readonly maxWordBytes: number;
	private readonly maxSentenceBytes: number;
	private chunks: Buffer[] = [];
	private buffered = 0;
	/** Bytes needed before parsing can make progress again. */
	private needed = 1;
	private words: string[] = [];
	private sentenceBytes = 0;

	constructor(limits: DecoderLimits = {}) {
		this.maxWordBytes = limits.maxWordBytes ?? defaultMaxWordBytes;
		this.maxSentenceBytes = limits.maxSentenceBytes ?? defaultMaxSentenceBytes;
	}

	/** Feeds bytes; returns the sentences they complete. Throws WireProtocolError. */
	push(chunk: Buffer): string[][] {
		if (chunk.length === 0) return [];
		this.chunks.push(chunk);
		this.buffered += chunk.length;
		if (this.buffered < this.needed) return [];
		const buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
		const sentences: string[][] = [];
		let offset = 0;
		this.needed = 1;
		while (offset < buffer.length) {
			const header = decodeLength(buffer, offset);
			if (!header) {
				this.needed = lengthHeaderBytes(buffer[offset]);
				break;
			}
			const {length, headerBytes} = header;
			if (length > this.maxWordBytes) {
				throw new WireProtocolError(`word of ${length} bytes exceeds the limit of ${this.maxWordBytes}`);
			}
			if (offset + headerBytes + length > buffer.length) {
				this.needed = headerBytes + length;
				break;
			}
			const start = offset + headerBytes;
			offset = start + length;
			if (length === 0) {
				if (this.words.length > 0) sentences.push(this.words);
				this.words = [];
				this.sentenceBytes = 0;
				continue;
			}
			this.sentenceBytes += headerBytes + length;
			if (this.sentenceBytes > this.maxSentenceBytes) {
				throw new WireProtocolError(`sentence exceeds the limit of ${this.maxSentenceBytes} bytes`);
			}
			this.words.push(buffer.toString('utf8', start, offset));
		}
		const rest = buffer.subarray(offset);
		this.chunks = rest.length > 0 ? [rest] : [];
		this.buffered = rest.length;
		return sentences;
	}
}
