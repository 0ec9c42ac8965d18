import {execFileSync} from 'node:child_process';
import {X509Certificate} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer, type Server, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createServer as createTlsServer, type TlsOptions} from 'node:tls';
import {encodeSentence, SentenceDecoder} from '../../source/sim/wire/codec.js';
import type {RouterError} from '../../source/routeros/types.js';
import {UserStore, type UserAccount} from '../../source/sim/model/users.js';
import {SimRouter} from '../../source/sim/router.js';
import {loadRsc} from '../../source/sim/rsc/load.js';
import {parseRsc} from '../../source/sim/rsc/parse.js';
import {scenario, type Scenario} from '../../source/sim/scenarios/index.js';
import {createApiServer, type ApiServer} from '../../source/sim/server.js';
import {MemoryConnTrack} from '../sim/helpers/memory-conntrack.js';

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
	tls?: TlsOptions,
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

export interface ScenarioServer {
	router: SimRouter;
	conntrack: MemoryConnTrack;
	server: ApiServer;
	port: number;
	definition: Scenario;
	/** Load warnings; a scenario should have none. */
	warnings: string[];
}

/**
 * A simulated router running a scenario's export (without the traffic engine), served on
 * 127.0.0.1 with a small hand-filled connection table. Close it with `server.close()`.
 */
export async function startScenarioServer(name: string, users?: UserAccount[]): Promise<ScenarioServer> {
	const definition = scenario(name);
	if (!definition) throw new Error(`no scenario ${name}`);
	const conntrack = new MemoryConnTrack();
	const router = new SimRouter({version: definition.version, conntrack, now: () => Date.UTC(2025, 0, 15)});
	const loaded = loadRsc(router, parseRsc(definition.rsc));
	const server = createApiServer({
		executor: router.executor,
		version: router.version,
		users: users && new UserStore(users),
	});
	const {port} = await server.listen(0, '127.0.0.1');
	return {router, conntrack, server, port, definition, warnings: loaded.warnings.map(warning => `${warning.line}: ${warning.message}`)};
}

export interface Certificate {
	cert: string;
	key: string;
	/** Node's spelling: `AB:CD:…`. */
	fingerprint: string;
}

/** A throwaway self-signed certificate for 127.0.0.1, or undefined when openssl is missing. */
export function makeCertificate(): Certificate | undefined {
	const directory = mkdtempSync(join(tmpdir(), 'pccmon-tls-'));
	try {
		execFileSync('openssl', [
			'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=router',
			'-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(directory, 'key.pem'), '-out', join(directory, 'cert.pem'),
		], {stdio: 'ignore'});
		const cert = readFileSync(join(directory, 'cert.pem'), 'utf8');
		return {cert, key: readFileSync(join(directory, 'key.pem'), 'utf8'), fingerprint: new X509Certificate(cert).fingerprint256};
	} catch {
		return undefined;
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
}
