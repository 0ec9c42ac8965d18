/*
 * node-routeros, changed at run time. 1.6.9 is discontinued and has defects that reach users
 * (docs/routeros-api.md, "node-routeros 1.6.9, and how pccmon patches it"). Three of its
 * prototype methods are replaced when this module is first imported; patching at run time
 * (rather than editing node_modules) survives a fresh `npm ci` and needs no install script.
 * Everything else the library does (tags, channels, login, the promise per command) is kept.
 * Of pccmon's own code only source/routeros/client.ts imports it, so the rest never sees
 * node-routeros (tests that drive the library directly import it too).
 */
import type {Socket} from 'node:net';
import {Connector, Receiver, Transmitter} from 'node-routeros';
import {notRouterOsCode} from '../source/routeros/errors.js';
import {ProtocolError, SentenceReader} from '../source/routeros/sentence-reader.js';

/** The version this was written against; test/patches/fits.test.ts checks it. */
export const fits = {'node-routeros': '1.6.9'};

/** Socket event carrying a `!fatal` reason; the library's Connector closes on `fatal`. */
export const fatalEvent = 'fatal';

/** The parts of Receiver the patch uses (private in the library's typings). */
interface ReceiverInternals {
	socket: Socket;
	tags: Map<string, {callback: (packet: string[]) => void}>;
}

interface ConnectorInternals {
	socket: Socket;
}

const readers = new WeakMap<object, SentenceReader>();

function readerOf(receiver: object): SentenceReader {
	let reader = readers.get(receiver);
	if (!reader) {
		reader = new SentenceReader();
		readers.set(receiver, reader);
	}
	return reader;
}

/**
 * Hands one sentence to the library the way its own parser does: the tag's callback gets the
 * reply word followed by the attribute words, without the `.tag` word.
 */
function deliver(receiver: ReceiverInternals, reader: SentenceReader, words: string[]): void {
	const tagIndex = words.findIndex(word => word.startsWith('.tag='));
	const tag = tagIndex === -1 ? undefined : words[tagIndex].slice('.tag='.length);
	const packet = tagIndex === -1 ? words : words.filter((_, index) => index !== tagIndex);
	const reply = packet[0];
	switch (reply) {
		case '!empty':
			// RouterOS 7.18+ says "no rows" with `!empty` before `!done`; the library throws
			// UNKNOWNREPLY on it from inside the socket handler, which kills the process.
			return;
		case '!fatal':
			// The router is closing. The Connector treats a socket `fatal` event as the end of
			// the connection; the reason (a bare word) rides along for the error message.
			reader.stop();
			receiver.socket.emit(fatalEvent, packet.slice(1).join(' '));
			return;
		case '!re':
		case '!done':
		case '!trap': {
			// The library tags every command; an untagged reply or one for a tag nobody waits
			// for answers nothing we sent. The library throws UNREGISTEREDTAG there (uncaught).
			const reading = tag === undefined ? undefined : receiver.tags.get(tag);
			reading?.callback(packet);
			return;
		}
		default:
			throw new ProtocolError(`unknown reply word ${reply}`, Buffer.from(words.join(' ').slice(0, 32)));
	}
}

/**
 * The library's parser holds a reply whose terminator arrives in a later read until some
 * other data comes (seconds), and loses or merges rows when reads are small. This one
 * handles any split. Data that is not the RouterOS API fails the socket with an error
 * carrying `notRouterOsCode`, so the connection ends with a clear reason instead of hanging.
 */
function processRawData(this: ReceiverInternals, data: Buffer): void {
	const reader = readerOf(this);
	try {
		reader.push(data, words => deliver(this, reader, words));
	} catch (error) {
		if (!(error instanceof ProtocolError)) throw error;
		const failure = Object.assign(new Error(`not the RouterOS API: ${error.message}`), {
			code: notRouterOsCode,
			sample: error.sample,
		});
		this.socket.destroy(failure);
	}
}

/** Length prefix of the RouterOS API (all five forms). */
function encodeLength(length: number): Buffer {
	if (length < 0x80) return Buffer.from([length]);
	if (length < 0x4000) return Buffer.from([(length >>> 8) | 0x80, length & 0xFF]);
	if (length < 0x200000) return Buffer.from([(length >>> 16) | 0xC0, (length >>> 8) & 0xFF, length & 0xFF]);
	if (length < 0x10000000) {
		return Buffer.from([(length >>> 24) | 0xE0, (length >>> 16) & 0xFF, (length >>> 8) & 0xFF, length & 0xFF]);
	}
	const header = Buffer.alloc(5);
	header[0] = 0xF0;
	header.writeUInt32BE(length, 1);
	return header;
}

/**
 * The library encodes words as windows-1252, turning anything outside it into `?`. RouterOS
 * stores the bytes it gets and current tools send UTF-8, so we send UTF-8.
 */
function encodeString(word: string | null): Buffer {
	if (word === null) return Buffer.from([0]);
	const bytes = Buffer.from(word, 'utf8');
	return Buffer.concat([encodeLength(bytes.length), bytes]);
}

const originalWrite = Connector.prototype.write;

/**
 * The library writes each word with its own socket write; with Nagle off (see client.ts)
 * that would be one TCP segment per word. Corking sends a sentence in one segment.
 */
function write(this: ConnectorInternals, data: string[]): Connector {
	this.socket.cork();
	try {
		return originalWrite.call(this as unknown as Connector, data);
	} finally {
		this.socket.uncork();
	}
}

const patched = Symbol.for('pccmon.node-routeros.patched');
const prototypes = Receiver.prototype as unknown as Record<symbol, boolean>;
if (!prototypes[patched]) {
	prototypes[patched] = true;
	(Receiver.prototype as unknown as {processRawData: typeof processRawData}).processRawData = processRawData;
	(Transmitter.prototype as unknown as {encodeString: typeof encodeString}).encodeString = encodeString;
	(Connector.prototype as unknown as {write: typeof write}).write = write;
}
