import {isUtf8} from 'node:buffer';

/*
 * The client's own reading of RouterOS API framing (length-prefixed words, a zero-length
 * word ends a sentence). It is kept apart from the simulator's codec on purpose: the sim is
 * what the client is tested against, and a shared decoder would hide a shared mistake.
 */

/** Reply words are short (`!re`, `!done`, `!trap`, `!fatal`, `!empty`). */
const maxReplyWordBytes = 16;
/** Larger than any value RouterOS prints (a long script); beyond it the peer is not RouterOS. */
const maxWordBytes = 16 * 1024 * 1024;

/**
 * windows-1252 differs from latin1 only in 0x80-0x9F. Written out because Node 20's
 * TextDecoder('windows-1252') decodes as latin1. Undefined positions keep their C1 code point.
 */
const windows1252High = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F'
	+ '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Buffer): string {
	return bytes.toString('latin1').replace(/[\x80-\x9F]/g, char => windows1252High[char.charCodeAt(0) - 0x80]);
}

/** The peer broke the framing, or answered with something that is not the RouterOS API. */
export class ProtocolError extends Error {
	override name = 'ProtocolError';
	constructor(
		message: string,
		/** The first bytes of the offending data, to say what the peer seems to speak. */
		readonly sample: Buffer,
	) {
		super(message);
	}
}

/**
 * RouterOS does not declare a character set. Current versions store what WinBox and the CLI
 * send, which is UTF-8; configurations from older tools can hold windows-1252 bytes, which are
 * rarely valid UTF-8, so those are read as windows-1252.
 */
function decodeWord(bytes: Buffer): string {
	return isUtf8(bytes) ? bytes.toString('utf8') : decodeWindows1252(bytes);
}

interface Header {
	length: number;
	headerBytes: number;
}

/** Undefined when the prefix is not complete yet. */
function readHeader(buffer: Buffer, offset: number): Header | undefined {
	const first = buffer[offset];
	const headerBytes = first < 0x80 ? 1 : first < 0xC0 ? 2 : first < 0xE0 ? 3 : first < 0xF0 ? 4 : first === 0xF0 ? 5 : 0;
	if (headerBytes === 0) {
		throw new ProtocolError(`unknown control byte 0x${first.toString(16)}`, buffer.subarray(offset, offset + 32));
	}
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

/**
 * Turns a byte stream into sentences, however the stream is cut into reads: a word may be
 * split anywhere, including inside its length prefix, and a sentence is delivered as soon as
 * its terminator arrives. Bytes are buffered only until the word they belong to is complete.
 */
export class SentenceReader {
	private chunks: Buffer[] = [];
	private buffered = 0;
	/** Bytes needed before parsing can make progress again. */
	private needed = 1;
	private words: string[] = [];
	private stopped = false;

	/** Ignores everything from now on (after `!fatal` or a protocol error). */
	stop(): void {
		this.stopped = true;
		this.chunks = [];
		this.buffered = 0;
		this.words = [];
	}

	/**
	 * Feeds bytes; calls `deliver` with each complete sentence's words, in order. Throws a
	 * ProtocolError (and stops) when the data cannot be RouterOS API replies.
	 */
	push(data: Buffer, deliver: (words: string[]) => void): void {
		if (this.stopped || data.length === 0) return;
		this.chunks.push(data);
		this.buffered += data.length;
		if (this.buffered < this.needed) return;
		const buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
		let offset = 0;
		try {
			while (offset < buffer.length && !this.stopped) {
				const header = readHeader(buffer, offset);
				if (header === undefined) {
					this.needed = 5;
					break;
				}
				this.checkWord(buffer, offset, header);
				const end = offset + header.headerBytes + header.length;
				if (end > buffer.length) {
					this.needed = end - offset;
					break;
				}
				const word = buffer.subarray(offset + header.headerBytes, end);
				offset = end;
				if (header.length > 0) {
					this.words.push(decodeWord(word));
				} else if (this.words.length > 0) {
					const sentence = this.words;
					this.words = [];
					deliver(sentence);
				}
			}
		} catch (error) {
			this.stop();
			throw error;
		}
		if (this.stopped) return;
		if (offset >= buffer.length) {
			this.chunks = [];
			this.buffered = 0;
			this.needed = 1;
		} else {
			// Copy the rest so one small pending word does not pin a large read in memory.
			const rest = Buffer.from(buffer.subarray(offset));
			this.chunks = [rest];
			this.buffered = rest.length;
		}
	}

	/** Fails early on data that cannot start a reply, rather than waiting for a bogus length. */
	private checkWord(buffer: Buffer, offset: number, header: Header): void {
		const sample = (): Buffer => buffer.subarray(offset, offset + 32);
		if (header.length > maxWordBytes) {
			throw new ProtocolError(`a ${header.length}-byte word`, sample());
		}
		if (this.words.length > 0 || header.length === 0) return;
		const first = buffer[offset + header.headerBytes];
		if (header.length > maxReplyWordBytes || (first !== undefined && first !== 0x21)) {
			throw new ProtocolError('a sentence that does not start with a reply word', sample());
		}
	}
}
