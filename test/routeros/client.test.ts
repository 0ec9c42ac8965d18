import assert from 'node:assert/strict';
import {after, afterEach, describe, it} from 'node:test';
import {connectRouter, type RouterConnection} from '../../source/routeros/client.js';
import type {ConnectOptions} from '../../source/routeros/types.js';
import {startTestServer, type TestServer} from '../sim/helpers/test-server.js';
import {acceptEverything, rejection, startRawServer} from './helpers.js';

/*
 * Each node-routeros defect (docs/routeros-api.md, "node-routeros 1.6.9, and how pccmon
 * patches it"), shown neutralised against the simulated router over loopback TCP. The wire server's fault modes produce the bad network.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sim(routeros = '7.18'): Promise<TestServer> {
	const test = await startTestServer({routeros});
	cleanups.push(() => test.server.close());
	return test;
}

async function connect(test: {port: number}, options: Partial<ConnectOptions> = {}): Promise<RouterConnection> {
	const api = await connectRouter({host: '127.0.0.1', port: test.port, user: 'admin', password: '', ...options});
	cleanups.push(() => api.close());
	return api;
}

/** Resolves when the executor has been asked `count` times for `command`. */
function requestsOf(test: TestServer, command: string, count: number): Promise<void> {
	return new Promise(resolve => {
		const execute = test.executor.execute.bind(test.executor);
		test.executor.execute = (request, context) => {
			execute(request, context);
			if (test.executor.requests.filter(seen => seen.command === command).length >= count) resolve();
		};
	});
}

describe('connectRouter: replies', () => {
	it('reads rows, and an empty reply from RouterOS 7.18+ (!empty then !done) without crashing', async () => {
		const api = await connect(await sim('7.18'));
		assert.deepEqual(await api.run('/test/empty'), []);
		const rows = await api.run('/test/print');
		assert.deepEqual(rows.map(row => row.name), ['row1', 'row2', 'row3']);
	});

	it('keeps 50 pipelined commands apart', async () => {
		const api = await connect(await sim());
		const results = await Promise.all(Array.from({length: 50}, (_, index) => api.run('/test/print', {rows: String(index % 7)})));
		results.forEach((rows, index) => assert.equal(rows.length, index % 7));
	});

	it('turns a trap into a RouterError with the router\'s text, and the connection stays usable', async () => {
		const api = await connect(await sim());
		const error = await rejection(api.run('/test/fail'));
		assert.equal(error.kind, 'trap');
		assert.equal(error.routerMessage, 'bad value');
		assert.equal((await api.run('/test/print')).length, 3);
	});

	it('round-trips a non-ASCII comment as UTF-8', async () => {
		const api = await connect(await sim());
		const [row] = await api.run('/test/echo', {comment: 'café ✓ Привет — 北京'});
		assert.equal(row.comment, 'café ✓ Привет — 北京');
	});

	it('returns count-only and add results from !done', async () => {
		const api = await connect(await sim());
		assert.equal(await api.add('/test', {name: 'x'}), '*A');
	});
});

describe('connectRouter: fragmented replies', () => {
	it('delivers every row when the router writes one byte at a time', async () => {
		const test = await sim();
		await test.server.faults.set({tinyWrites: 1});
		const api = await connect(test);
		const rows = await api.run('/test/print', {rows: '40'});
		assert.deepEqual(rows.map(row => row.name), Array.from({length: 40}, (_, index) => `row${index + 1}`));
	});

	it('delivers a reply whose terminator comes in a later read, well within the command timeout', async () => {
		const test = await sim();
		await test.server.faults.set({delayTerminator: 30});
		// Unpatched, the last sentence waits for the next unrelated data (keepalive, 30 s here).
		const api = await connect(test, {commandTimeoutMs: 3000, keepaliveMs: 60_000, idleTimeoutMs: 60_000});
		const [rows, added] = await Promise.all([api.run('/test/print', {rows: '5'}), api.add('/test', {})]);
		assert.equal(rows.length, 5);
		assert.equal(added, '*A');
	});
});

describe('connectRouter: every command settles', () => {
	for (const fault of ['dropMidReply', 'resetMidReply'] as const) {
		it(`rejects every command in flight when the connection is lost mid-reply (${fault})`, async () => {
			const test = await sim();
			const api = await connect(test);
			await test.server.faults.set({[fault]: 2});
			const inflight = [api.run('/test/print', {rows: '10'}), api.run('/test/hang'), api.run('/test/listen')];
			const errors = await Promise.all(inflight.map(rejection));
			for (const error of errors) assert.equal(error.kind, 'disconnected', error.message);
			const reason = await api.closed;
			assert.equal(reason?.kind, 'disconnected');
			assert.equal((await rejection(api.run('/test/print'))).kind, 'disconnected', 'a dead connection answers at once');
		});
	}

	it('times out a command the router never answers, and everything in flight with it', async () => {
		const test = await sim();
		const api = await connect(test, {commandTimeoutMs: 200});
		await test.server.faults.set({stall: true});
		const [first, second] = await Promise.all([rejection(api.run('/test/print')), rejection(api.run('/test/echo'))]);
		assert.equal(first.kind, 'timeout');
		assert.match(first.message, /did not answer \/test\/print within 0\.2 s/);
		assert.equal(second.kind, 'timeout');
		assert.equal((await api.closed)?.kind, 'timeout');
	});

	it('reports the router\'s !fatal reason', async () => {
		const test = await sim();
		const api = await connect(test);
		await test.server.faults.set({fatal: 'out of memory'});
		const error = await rejection(api.run('/test/print'));
		assert.equal(error.kind, 'disconnected');
		assert.match(error.message, /out of memory/);
	});

	it('close() rejects what is in flight and resolves closed with null', async () => {
		const api = await connect(await sim());
		const hanging = rejection(api.run('/test/hang'));
		await api.close();
		assert.equal((await hanging).kind, 'disconnected');
		assert.equal(await api.closed, null);
	});
});

describe('connectRouter: idle link', () => {
	it('survives the socket idle timeout: the connection ends with a timeout reason, the process lives on', async () => {
		const api = await connect(await sim(), {idleTimeoutMs: 100, keepaliveMs: 60_000});
		const reason = await api.closed;
		assert.equal(reason?.kind, 'timeout');
	});

	it('keeps an idle connection alive past the idle timeout with its keepalive', async () => {
		const test = await sim();
		const pinged = requestsOf(test, '/system/identity/print', 8);
		const api = await connect(test, {keepaliveMs: 40, idleTimeoutMs: 200});
		await pinged;
		assert.equal((await api.run('/test/print')).length, 3);
	});
});

describe('connectRouter: what goes on the wire', () => {
	it('sends one .tag per command, however often the same words are reused', async () => {
		const raw = await startRawServer(acceptEverything);
		after(() => raw.close());
		const api = await connect(raw);
		const options = {proplist: ['name'], query: ['name=a']};
		await Promise.all([api.print('/interface', options), api.print('/interface', options), api.print('/interface', options)]);
		const commands = raw.sentences.filter(words => words[0] === '/interface/print');
		assert.equal(commands.length, 3);
		for (const words of commands) assert.equal(words.filter(word => word.startsWith('.tag=')).length, 1, words.join(' '));
		assert.equal(new Set(commands.map(words => words.find(word => word.startsWith('.tag=')))).size, 3);
	});

	it('turns Nagle off on the socket (no 40 ms wait per command)', async () => {
		const api = await connect(await sim());
		const noDelay = Object.getOwnPropertySymbols(api.socket).find(symbol => symbol.description === 'kSetNoDelay');
		assert.ok(noDelay, 'Node keeps the no-delay state under kSetNoDelay');
		assert.equal((api.socket as unknown as Record<symbol, unknown>)[noDelay], true);
	});
});
