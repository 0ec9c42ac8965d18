import {createServer, type Server, type Socket} from 'node:net';
import {createServer as createTlsServer} from 'node:tls';
import {encodeSentence, SentenceDecoder} from '../../source/sim/wire/codec.js';
import type {RouterError} from '../../source/routeros/types.js';

/**
 * A bare TCP (or TLS) server for what the simulator cannot show: the exact words a client
 * sent, or a peer that is not RouterOS at all. `answer` decides the reply to each sentence
 * (none to stay silent).
 */
export interface RawServer {
	port: number;
	/** Every sentence received, as sent. */
	sentences: string[][];
	close(): Promise<void>;
}

export async function startRawServer(
	answer: (words: string[], socket: Socket) => string[][] | void,
	tls?: {cert: string; key: string},
): Promise<RawServer> {
	const sentences: string[][] = [];
	const sockets = new Set<Socket>();
	const onConnection = (socket: Socket): void => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => {});
		const decoder = new SentenceDecoder();
		socket.on('data', data => {
			for (const words of decoder.push(data)) {
				sentences.push(words);
				for (const reply of answer(words, socket) ?? []) socket.write(encodeSentence(reply));
			}
		});
	};
	const server: Server = tls ? createTlsServer(tls, onConnection) : createServer(onConnection);
	server.on('tlsClientError', () => {});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	return {
		port: typeof address === 'object' && address ? address.port : 0,
		sentences,
		close: () => new Promise(resolve => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		}),
	};
}

/** A login that succeeds, then `!done` (with the tag) for every command. */
export function acceptEverything(words: string[]): string[][] {
	const tag = words.find(word => word.startsWith('.tag='));
	return [tag ? ['!done', tag] : ['!done']];
}

/** Awaits a promise that must reject with a RouterError, and returns it. */
export async function rejection(promise: Promise<unknown>): Promise<RouterError> {
	try {
		await promise;
	} catch (error) {
		return error as RouterError;
	}
	throw new Error('expected a rejection');
}
