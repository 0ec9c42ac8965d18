import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {RouterOSAPI, RosException} from 'node-routeros';
import {encodeLength, encodeWord} from '../../source/sim/wire/codec.js';
import {RawClient} from './helpers/raw-client.js';
import {startTestServer, type TestServer} from './helpers/test-server.js';

/** Runs `body` against a fresh server and always closes it. */
async function withServer(
	options: Parameters<typeof startTestServer>[0],
	body: (sim: TestServer) => Promise<void>,
): Promise<void> {
	const sim = await startTestServer(options);
	try {
		await body(sim);
		assert.deepEqual(sim.errors, [], 'the simulator reported internal failures');
	} finally {
		await sim.server.close();
	}
}

/** node-routeros connected to the sim; closed again by the returned function. */
async function connectApi(port: number, user = 'admin', password = ''): Promise<RouterOSAPI> {
	const api = new RouterOSAPI({host: '127.0.0.1', port, user, password, keepalive: false, timeout: 5});
	api.on('error', () => {});
	await api.connect();
	return api;
}

async function expectCantLogin(port: number, user: string, password: string): Promise<void> {
	const api = new RouterOSAPI({host: '127.0.0.1', port, user, password, keepalive: false, timeout: 5});
	api.on('error', () => {});
	await assert.rejects(api.connect(), (error: unknown) => error instanceof RosException && error.errno === 'CANTLOGIN');
}

describe('login', () => {
	it('lets node-routeros log in with a plain password on 6.43 and later', () =>
		withServer({routeros: '7.18'}, async ({port}) => {
			const api = await connectApi(port, 'writer', 'w');
			assert.deepEqual(await api.write(['/test/echo']), [{user: 'writer/write'}]);
			await api.close();
		}));

	it('lets node-routeros log in through the MD5 challenge before 6.43', () =>
		withServer({routeros: '6.42.12'}, async ({port}) => {
			const api = await connectApi(port, 'reader', 'r');
			assert.deepEqual(await api.write(['/test/echo']), [{user: 'reader/read'}]);
			await api.close();
		}));

	it('refuses a wrong password in both modes with messages node-routeros maps to CANTLOGIN', async () => {
		for (const routeros of ['7.18', '6.42']) {
			await withServer({routeros}, async ({port}) => {
				await expectCantLogin(port, 'admin', 'wrong');
				await expectCantLogin(port, 'nobody', '');
			});
		}
	});

	it('answers with RouterOS failure texts, and the connection can try again', () =>
		withServer({routeros: '7.1'}, async ({port}) => {
			const client = await RawClient.connect(port);
			client.send('/login', '=name=admin', '=password=x', '.tag=1');
			assert.deepEqual(await client.reply('1'), [
				['!trap', '=message=invalid user name or password (6)', '.tag=1'],
				['!done', '.tag=1'],
			]);
			await client.login('admin', '');
			await client.close();
		}));

	it('runs the pre-6.43 challenge: 32 hex digits, MD5 over 0, password and challenge', () =>
		withServer({routeros: '6.40'}, async ({port}) => {
			const client = await RawClient.connect(port);
			client.send('/login');
			const [challengeReply] = await client.reply();
			assert.equal(challengeReply[0], '!done');
			const challenge = /^=ret=([0-9a-f]{32})$/.exec(challengeReply[1])?.[1];
			assert.ok(challenge, `challenge reply ${JSON.stringify(challengeReply)}`);
			const wrong = createHash('md5').update(Buffer.from([0])).update('nope').update(Buffer.from(challenge, 'hex'));
			client.send('/login', '=name=reader', `=response=00${wrong.digest('hex')}`);
			assert.deepEqual(await client.reply(), [['!trap', '=message=cannot log in'], ['!done']]);

			client.send('/login', '=name=reader', '=password=r');
			const [fresh] = await client.reply();
			const next = /^=ret=([0-9a-f]{32})$/.exec(fresh[1])?.[1];
			assert.ok(next, 'a plain password on an old router gets a challenge, not a login');
			const right = createHash('md5').update(Buffer.from([0])).update('r').update(Buffer.from(next, 'hex'));
			client.send('/login', '=name=reader', `=response=00${right.digest('hex')}`);
			assert.deepEqual(await client.reply(), [['!done']]);
			await client.close();
		}));

	it('accepts nothing but login before login: !fatal not logged in, then close', () =>
		withServer({}, async ({port, executor}) => {
			const client = await RawClient.connect(port);
			client.send('/test/print', '.tag=1');
			assert.deepEqual(await client.next(), ['!fatal', 'not logged in']);
			await client.ended;
			assert.equal(executor.requests.length, 0);
			await client.close();
		}));
});

describe('tags and replies', () => {
	it('copies .tag onto every reply sentence of every kind', () =>
		withServer({}, async ({port}) => {
			const client = await RawClient.connect(port);
			await client.login();
			client.send('/test/print', '=rows=2', '.tag=p');
			assert.deepEqual(await client.reply('p'), [
				['!re', '=.id=*1', '=name=row1', '.tag=p'],
				['!re', '=.id=*2', '=name=row2', '.tag=p'],
				['!done', '.tag=p'],
			]);
			client.send('/test/fail', '.tag=t');
			assert.deepEqual(await client.reply('t'), [
				['!trap', '=category=1', '=message=bad value', '.tag=t'],
				['!done', '.tag=t'],
			]);
			client.send('/test/empty', '.tag=e');
			assert.deepEqual(await client.reply('e'), [['!empty', '.tag=e'], ['!done', '.tag=e']]);
			client.send('/test/add', '.tag=a');
			assert.deepEqual(await client.reply('a'), [['!done', '=ret=*A', '.tag=a']]);
			await client.close();
		}));

	it('sends no tag when the command had none or an empty one', () =>
		withServer({}, async ({port}) => {
			const client = await RawClient.connect(port);
			await client.login();
			client.send('/test/empty');
			assert.deepEqual(await client.reply(), [['!empty'], ['!done']]);
			client.send('/test/print', '=rows=1', '.tag=');
			assert.deepEqual(await client.reply(), [['!re', '=.id=*1', '=name=row1'], ['!done']]);
			await client.close();
		}));

	it('keeps many tagged commands in flight, a stream running while others finish', () =>
		withServer({}, async ({port, executor}) => {
			const client = await RawClient.connect(port);
			await client.login();
			client.send('/test/listen', '.tag=L');
			client.send('/test/later', '.tag=A');
			client.send('/test/print', '=rows=1', '.tag=B');
			assert.deepEqual(await client.reply('B'), [['!re', '=.id=*1', '=name=row1', '.tag=B'], ['!done', '.tag=B']]);
			assert.deepEqual(await client.reply('A'), [['!re', '=name=later', '.tag=A'], ['!done', '.tag=A']]);
			executor.push({seq: '1'});
			assert.deepEqual(await client.next(), ['!re', '=seq=1', '.tag=L']);
			client.send('/test/print', '=rows=0', '.tag=C');
			assert.deepEqual(await client.reply('C'), [['!done', '.tag=C']]);
			executor.push({seq: '2'});
			assert.deepEqual(await client.next(), ['!re', '=seq=2', '.tag=L']);
			assert.equal(executor.listening, 1);
			await client.close();
		}));

	it('demultiplexes concurrent node-routeros commands', () =>
		withServer({}, async ({port}) => {
			const api = await connectApi(port);
			const results = await Promise.all([
				api.write(['/test/later']),
				api.write(['/test/print', '=rows=2']),
				api.write(['/test/echo', '=x=1']),
				api.write(['/test/later']),
			]);
			assert.deepEqual(results, [
				[{name: 'later'}],
				[{'.id': '*1', name: 'row1'}, {'.id': '*2', name: 'row2'}],
				[{x: '1', user: 'admin/full'}],
				[{name: 'later'}],
			]);
			await api.close();
		}));

	it('hands the command layer attributes, queries, .proplist and .id as sent', () =>
		withServer({}, async ({port, executor}) => {
			const client = await RawClient.connect(port);
			await client.login();
			client.send('/test/echo', '=comment=a=b', '=stats=', '=flag', '=.proplist=name,mtu', '=.id=*1,*2', '?type=ether', '?#|', '.tag=q');
			await client.reply('q');
			assert.deepEqual(executor.requests.at(-1), {
				command: '/test/echo',
				attributes: [['comment', 'a=b'], ['stats', ''], ['flag', ''], ['.proplist', 'name,mtu'], ['.id', '*1,*2']],
				queries: ['type=ether', '#|'],
			});
			await client.close();
		}));
});

describe('/cancel, /quit and keepalive', () => {
	it('cancels one tag: interrupted and done for it, then done for /cancel', () =>
		withServer({}, async ({port, executor}) => {
			const client = await RawClient.connect(port);
			await client.login();
			client.send('/test/listen', '.tag=L1');
			client.send('/test/listen', '.tag=L2');
			client.send('/test/print', '=rows=0', '.tag=sync');
			await client.reply('sync');
			client.send('/cancel', '=tag=L1', '.tag=c');
			assert.deepEqual(await client.reply('c'), [
				['!trap', '=category=2', '=message=interrupted', '.tag=L1'],
				['!done', '.tag=L1'],
				['!done', '.tag=c'],
			]);
			assert.equal(executor.listening, 1);
			executor.push({still: 'here'});
			assert.deepEqual(await client.next(), ['!re', '=still=here', '.tag=L2']);
			await client.close();
		}));

	it('cancels everything without =tag=, answering for commands the layer never stopped', () =>
		withServer({}, async ({port, executor}) => {
			const client = await RawClient.connect(port);
			await client.login();
			client.send('/test/listen', '.tag=L');
			client.send('/test/hang', '.tag=H');
			client.send('/cancel', '.tag=c');
			assert.deepEqual(await client.reply('c'), [
				['!trap', '=category=2', '=message=interrupted', '.tag=L'],
				['!done', '.tag=L'],
				['!trap', '=category=2', '=message=interrupted', '.tag=H'],
				['!done', '.tag=H'],
				['!done', '.tag=c'],
			]);
			assert.equal(executor.listening, 0);
			client.send('/cancel', '=tag=gone', '.tag=c2');
			assert.deepEqual(await client.reply('c2'), [['!done', '.tag=c2']]);
			await client.close();
		}));

	it('lets a node-routeros stream be stopped', () =>
		withServer({}, async ({port, executor}) => {
			const api = await connectApi(port);
			const rows: unknown[] = [];
			const stream = api.stream(['/test/listen'], (_error: unknown, row: unknown) => {
				rows.push(row);
			});
			await api.write(['/test/print', '=rows=0']);
			executor.push({n: '1'});
			await api.write(['/test/print', '=rows=0']);
			await stream.stop();
			assert.deepEqual(rows, [{n: '1'}]);
			assert.equal(executor.listening, 0);
			await api.close();
		}));

	it('answers /quit with !fatal and the bare reason, then closes', () =>
		withServer({}, async ({port}) => {
			const client = await RawClient.connect(port);
			await client.login();
			client.send('/quit', '.tag=q');
			assert.deepEqual(await client.next(), ['!fatal', 'session terminated on request']);
			await client.ended;
			await client.close();
		}));

	it('answers a command word without its leading / (node-routeros keepalive #) with no such command prefix', () =>
		withServer({}, async ({port}) => {
			const client = await RawClient.connect(port);
			await client.login();
			for (const word of ['#', 'ip/address/print']) {
				client.send(word, '.tag=k');
				assert.deepEqual(await client.reply('k'), [['!trap', '=message=no such command prefix', '.tag=k'], ['!done', '.tag=k']]);
			}
			await client.close();

			const api = await connectApi(port);
			await assert.rejects(api.write(['test/print']), /no such command prefix/);
			assert.equal((await api.write(['/test/print', '=rows=1'])).length, 1);
			await api.close();
		}));
});

describe('robustness', () => {
	it('stops streaming commands when their client disconnects', () =>
		withServer({}, async ({server, port, executor}) => {
			const client = await RawClient.connect(port);
			await client.login();
			client.send('/test/listen', '.tag=L');
			client.send('/test/listen');
			client.send('/test/print', '=rows=0', '.tag=sync');
			await client.reply('sync');
			assert.equal(executor.listening, 2);
			await client.close();
			await executor.allStopped();
			assert.equal(executor.listening, 0);
			await waitFor(() => server.connections === 0);
		}));

	it('turns an executor exception into a trap and keeps the connection', async () => {
		const sim = await startTestServer();
		try {
			const client = await RawClient.connect(sim.port);
			await client.login();
			client.send('/test/throw', '.tag=x');
			assert.deepEqual(await client.reply('x'), [
				['!trap', '=category=4', '=message=internal error: executor broke', '.tag=x'],
				['!done', '.tag=x'],
			]);
			client.send('/test/add', '.tag=y');
			assert.deepEqual(await client.reply('y'), [['!done', '=ret=*A', '.tag=y']]);
			assert.equal(sim.errors.length, 1);
			await client.close();
		} finally {
			await sim.server.close();
		}
	});

	it('refuses an oversized word with !fatal and a close, leaving other clients alone', () =>
		withServer({limits: {maxWordBytes: 1000}}, async ({port}) => {
			const other = await RawClient.connect(port);
			await other.login();
			const client = await RawClient.connect(port);
			client.socket.write(Buffer.concat([encodeWord('/login'), encodeLength(0x10000000)]));
			const [reply, reason] = await client.next();
			assert.equal(reply, '!fatal');
			assert.match(reason, /268435456 bytes exceeds the limit of 1000/);
			await client.ended;
			other.send('/test/print', '=rows=1', '.tag=o');
			assert.equal((await other.reply('o')).length, 2);
			await client.close();
			await other.close();
		}));

	it('refuses a reserved control byte with !fatal and a close', () =>
		withServer({}, async ({port}) => {
			const client = await RawClient.connect(port);
			client.socket.write(Buffer.from([0xF8]));
			assert.deepEqual(await client.next(), ['!fatal', 'unknown control byte 0xf8']);
			await client.ended;
			await client.close();
		}));

	it('ignores empty sentences and reads a sentence cut into single bytes', () =>
		withServer({}, async ({port}) => {
			const client = await RawClient.connect(port);
			await client.login();
			client.socket.write(Buffer.from([0, 0]));
			const bytes = Buffer.concat([encodeWord('/test/add'), encodeWord('.tag=z'), Buffer.from([0])]);
			for (const byte of bytes) client.socket.write(Buffer.from([byte]));
			assert.deepEqual(await client.reply('z'), [['!done', '=ret=*A', '.tag=z']]);
			await client.close();
		}));

	it('close() drops every connection and frees the port', async () => {
		const sim = await startTestServer();
		const client = await RawClient.connect(sim.port);
		await client.login();
		client.send('/test/listen');
		client.send('/test/add', '.tag=sync');
		await client.reply('sync');
		assert.equal(sim.executor.listening, 1);
		await sim.server.close();
		await client.closed;
		assert.equal(sim.server.connections, 0);
		assert.equal(sim.executor.listening, 0);
		await assert.rejects(RawClient.connect(sim.port), {code: 'ECONNREFUSED'});
	});
});

/** Waits for a condition the server reaches on its own, bounded at two seconds. */
async function waitFor(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 2000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not reached within 2 s');
		await new Promise(resolve => setImmediate(resolve));
	}
}
