import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {RouterOSAPI, RosException} from 'node-routeros';
import {parseFaultFlags} from '../../source/sim/faults.js';
import {encodeSentence} from '../../source/sim/wire/codec.js';
import {RawClient} from './helpers/raw-client.js';
import {startTestServer, type TestServer} from './helpers/test-server.js';

/** A server and one logged-in raw client; both closed afterwards. */
async function withClient(
	body: (client: RawClient, sim: TestServer) => Promise<void>,
	options: Parameters<typeof startTestServer>[0] = {},
): Promise<void> {
	const sim = await startTestServer(options);
	try {
		const client = await RawClient.connect(sim.port);
		try {
			await client.login();
			await body(client, sim);
		} finally {
			await client.close();
		}
		assert.deepEqual(sim.errors, []);
	} finally {
		await sim.server.close();
	}
}

describe('reply faults', () => {
	it('tinyWrites cuts replies into many small writes that still decode', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({tinyWrites: 3});
			const readsBefore = client.reads.length;
			client.send('/test/print', '=rows=2', '.tag=t');
			assert.deepEqual(await client.reply('t'), [
				['!re', '=.id=*1', '=name=row1', '.tag=t'],
				['!re', '=.id=*2', '=name=row2', '.tag=t'],
				['!done', '.tag=t'],
			]);
			assert.ok(client.reads.length - readsBefore > 1, `one reply arrived in ${client.reads.length - readsBefore} read(s)`);
		}));

	it('delayTerminator sends each sentence\'s final zero byte in a later write', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({delayTerminator: 40});
			client.send('/test/add', '.tag=d');
			const before = client.received.length;
			assert.deepEqual(await client.reply('d'), [['!done', '=ret=*A', '.tag=d']]);
			assert.equal(client.reads.at(-1), 1, 'the terminator came on its own');
			assert.equal(client.received.length - before, encodeSentence(['!done', '=ret=*A', '.tag=d']).length);
		}));

	it('dropMidReply ends the connection (FIN) after K sentences of a reply', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({dropMidReply: 2});
			client.send('/test/print', '=rows=5', '.tag=p');
			await client.ended;
			assert.equal(client.socketError, undefined);
			assert.deepEqual(client.pending, [
				['!re', '=.id=*1', '=name=row1', '.tag=p'],
				['!re', '=.id=*2', '=name=row2', '.tag=p'],
			]);
		}));

	it('resetMidReply resets the connection (RST) mid-reply', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({resetMidReply: 2});
			client.send('/test/print', '=rows=5', '.tag=p');
			await client.closed;
			// The RST may overtake the two rows it follows; it never lets more through.
			assert.ok(client.pending.length <= 2, 'nothing past K sentences');
			assert.ok(!client.pending.some(sentence => sentence[0] === '!done'));
		}));

	it('resetMidReply 0 resets before any reply, which the client sees as ECONNRESET', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({resetMidReply: 0});
			client.send('/test/add', '.tag=r');
			await client.closed;
			assert.equal(client.socketError?.code, 'ECONNRESET');
			assert.deepEqual(client.pending, []);
		}));

	it('stall swallows commands without answering, the connection stays open', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({stall: true});
			client.send('/test/add', '.tag=lost');
			client.send('/test/print', '=rows=1', '.tag=lost2');
			await waitFor(() => server.faults.stalledCommands === 2);
			await server.faults.clear('stall');
			client.send('/test/add', '.tag=after');
			assert.deepEqual(await client.next(), ['!done', '=ret=*A', '.tag=after']);
			assert.equal(server.connections, 1);
		}));

	it('slowReplies holds each reply back for the given time', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({slowReplies: 80});
			const start = performance.now();
			client.send('/test/print', '=rows=3', '.tag=s');
			assert.equal((await client.reply('s')).length, 4);
			assert.ok(performance.now() - start >= 75, 'the reply came too early');
		}));

	it('slowReplies delivers a reply of fifty thousand rows whole', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({slowReplies: 20});
			client.send('/test/print', '=rows=50000', '.tag=big');
			const reply = await client.reply('big');
			assert.equal(reply.length, 50_001);
			assert.deepEqual(reply.at(-2), ['!re', '=.id=*C350', '=name=row50000', '.tag=big']);
		}));

	it('garbage sends random bytes in place of the reply', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({garbage: true});
			const before = client.received.length;
			const expected = encodeSentence(['!done', '=ret=*A', '.tag=g']);
			client.send('/test/add', '.tag=g');
			const received = await client.bytes(before + expected.length);
			assert.notDeepEqual(received.subarray(before, before + expected.length), expected);
		}));

	it('oversizedWord puts a 2 GiB length in front of the reply', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({oversizedWord: true});
			const before = client.received.length;
			client.send('/test/add', '.tag=o');
			const received = await client.bytes(before + 5);
			assert.deepEqual([...received.subarray(before, before + 5)], [0xF0, 0x80, 0x00, 0x00, 0x00]);
			assert.match(String(client.decodeError), /2147483648 bytes exceeds/);
		}));

	it('replies come back to normal once faults are cleared', () =>
		withClient(async (client, {server}) => {
			await server.faults.set({tinyWrites: 2, slowReplies: 5, delayTerminator: 5});
			client.send('/test/print', '=rows=1', '.tag=a');
			await server.faults.clear();
			client.send('/test/add', '.tag=b');
			assert.equal((await client.reply('a')).length, 2);
			assert.deepEqual(await client.reply('b'), [['!done', '=ret=*A', '.tag=b']]);
		}));
});

describe('connection faults', () => {
	it('fatal answers the next command with !fatal and the reason, once', () =>
		withClient(async (client, {server, port}) => {
			await server.faults.set({fatal: 'router busy'});
			client.send('/test/add', '.tag=f');
			assert.deepEqual(await client.next(), ['!fatal', 'router busy']);
			await client.ended;
			assert.equal(server.faults.current.fatal, undefined);
			const again = await RawClient.connect(port);
			await again.login();
			await again.close();
		}));

	it('refuseLogin fails every login with RouterOS\'s message, in both login modes', async () => {
		for (const routeros of ['7.18', '6.42']) {
			const sim = await startTestServer({routeros, faults: {refuseLogin: true}});
			try {
				const api = new RouterOSAPI({host: '127.0.0.1', port: sim.port, user: 'admin', password: '', keepalive: false, timeout: 5});
				api.on('error', () => {});
				await assert.rejects(api.connect(), (error: unknown) => error instanceof RosException && error.errno === 'CANTLOGIN');
				await sim.server.faults.clear('refuseLogin');
				await api.connect();
				await api.close();
			} finally {
				await sim.server.close();
			}
		}
	});

	it('closed drops connections and refuses new ones until cleared, on the same port', () =>
		withClient(async (client, {server, port}) => {
			await server.faults.set({closed: true});
			await client.closed;
			await assert.rejects(RawClient.connect(port), {code: 'ECONNREFUSED'});
			await server.faults.clear('closed');
			const again = await RawClient.connect(port);
			await again.login();
			await again.close();
			assert.equal(server.address?.port, port);
		}));

	it('a server started with the port closed binds it only when the fault clears', async () => {
		const sim = await startTestServer({faults: {closed: true}});
		try {
			await assert.rejects(RawClient.connect(sim.port), {code: 'ECONNREFUSED'});
			await sim.server.faults.clear();
			const client = await RawClient.connect(sim.port);
			await client.login();
			await client.close();
		} finally {
			await sim.server.close();
		}
	});

	it('restart drops every session, runs onRestart, and serves again on the same port', async () => {
		let restarts = 0;
		const sim = await startTestServer({onRestart: () => restarts++});
		try {
			const client = await RawClient.connect(sim.port);
			await client.login();
			client.send('/test/listen', '.tag=L');
			client.send('/test/add', '.tag=sync');
			await client.reply('sync');
			await sim.server.restart(20);
			await client.closed;
			assert.equal(restarts, 1);
			assert.equal(sim.executor.listening, 0);
			const again = await RawClient.connect(sim.port);
			await again.login();
			await again.close();
		} finally {
			await sim.server.close();
		}
	});
});

describe('fault flags', () => {
	it('reads command-line specs', () => {
		assert.deepEqual(parseFaultFlags(['tiny-writes=2', 'stall', 'slow-replies=150', 'fatal=busy', 'closed']), {
			tinyWrites: 2, stall: true, slowReplies: 150, fatal: 'busy', closed: true,
		});
		assert.deepEqual(parseFaultFlags(['drop-mid-reply=0', 'reset-mid-reply=3', 'delay-terminator=5']), {
			dropMidReply: 0, resetMidReply: 3, delayTerminator: 5,
		});
	});

	it('names the valid specs when one is wrong', () => {
		for (const bad of ['tiny-writes', 'stall=1', 'slow-replies=fast', 'toString', 'nap']) {
			assert.throws(() => parseFaultFlags([bad]), /^Error: unknown fault ".*"; use one of: tiny-writes=N/);
		}
	});
});

/** Waits for something the server does on its own, bounded at two seconds. */
async function waitFor(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 2000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not reached within 2 s');
		await new Promise(resolve => setImmediate(resolve));
	}
}
