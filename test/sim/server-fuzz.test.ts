import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {Random} from '../../source/sim/engine/random.js';
import {connect, type Socket} from 'node:net';
import {startSim, type SimHandle} from '../../source/sim/index.js';
import {encodeLength, encodeSentence, encodeWord} from '../../source/sim/wire/codec.js';
import {RawClient} from './helpers/raw-client.js';


const paths = [
	'/ip/firewall/mangle', '/ip/firewall/connection', '/ip/address', '/interface', '/ip/route',
	'/routing/table', '/tool/netwatch', '/system/identity', '/ip/firewall/address-list', '/log', '/nope',
];
const verbs = ['print', 'getall', 'listen', 'add', 'set', 'remove', 'enable', 'disable', 'move', 'reset-counters', 'unset', 'x'];
const names = ['.id', 'numbers', '.proplist', 'count-only', 'stats', 'detail', 'follow', 'chain', 'action', 'address',
	'interface', 'list', 'comment', 'disabled', 'place-before', 'destination', 'tag', 'name', 'value-name', ''];
const values = ['', '*1', '*FFFFFFFF', '*1,*2,*zz', 'yes', 'true', '10.0.0.1/24', 'ether1', '!local', 'a=b', '\u0000',
	'ü✓Привет', '-1', '99999999999999999999', ',,,', 'prerouting', 'mark-connection'];
const queries = ['#|', '#&', '#!', '#0', '#5.', '#', '-comment', '>bytes=10', '<comment=', '=chain=prerouting', 'disabled=true'];

function pick<T>(next: () => number, list: readonly T[]): T {
	return list[Math.floor(next() * list.length)];
}

function randomText(next: () => number, max: number): string {
	return Array.from({length: Math.floor(next() * max)}, () => String.fromCodePoint(Math.floor(next() * 0x2FF))).join('');
}

/** A sentence that is well framed but may say anything. */
function randomSentence(next: () => number): string[] {
	const roll = next();
	const command = roll < 0.75 ? `${pick(next, paths)}/${pick(next, verbs)}`
		: roll < 0.85 ? pick(next, ['/cancel', '/login', '#', '', '/', '//'])
			: randomText(next, 20);
	const words = [command];
	for (let count = Math.floor(next() * 6); count > 0; count--) {
		const kind = next();
		if (kind < 0.5) words.push(`=${pick(next, names)}=${next() < 0.8 ? pick(next, values) : randomText(next, 30)}`);
		else if (kind < 0.75) words.push(`?${pick(next, queries)}`);
		else if (kind < 0.85) words.push(`.tag=${pick(next, ['', 'a', 'fuzz', '0'])}`);
		else words.push(randomText(next, 40));
	}
	return words;
}

/** Bytes that may break the framing: flipped, cut, spliced, or lying about their length. */
function randomBytes(next: () => number): Buffer {
	const sentences = Array.from({length: 1 + Math.floor(next() * 3)}, () => encodeSentence(randomSentence(next)));
	let bytes = Buffer.concat(sentences);
	const roll = next();
	if (roll < 0.3) {
		bytes = Buffer.from(bytes);
		for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips--) {
			bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
		}
	} else if (roll < 0.45) {
		bytes = bytes.subarray(0, Math.floor(next() * bytes.length));
	} else if (roll < 0.6) {
		const claimed = pick(next, [0x7F, 0x3FFF, 0x1FFFFF, 0xFFFFFFF, 0xFFFFFFFF, 2 ** 20 + 1]);
		bytes = Buffer.concat([bytes, encodeLength(claimed), Buffer.from('partial')]);
	} else if (roll < 0.7) {
		bytes = Buffer.concat([bytes, Buffer.from([0xF8 + Math.floor(next() * 8)])]);
	} else if (roll < 0.8) {
		bytes = Buffer.from(Array.from({length: Math.floor(next() * 64)}, () => Math.floor(next() * 256)));
	}
	return bytes;
}

/** Sends one case on its own connection, half-closes, and waits (bounded) for the server to let go. */
async function runCase(port: number, payload: Buffer, loginFirst: boolean): Promise<void> {
	const socket: Socket = connect({host: '127.0.0.1', port});
	socket.on('error', () => {});
	socket.resume();
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('error', reject);
	});
	const login = loginFirst ? encodeSentence(['/login', '=name=admin', '=password=']) : Buffer.alloc(0);
	socket.end(Buffer.concat([login, payload]));
	await new Promise<void>(resolve => {
		const timer = setTimeout(() => {
			socket.destroy();
			resolve();
		}, 3000);
		socket.once('close', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

async function witnessCheck(witness: RawClient, round: number): Promise<void> {
	const tag = `w${round}`;
	witness.send('/system/identity/print', `.tag=${tag}`);
	const reply = (await witness.reply(tag)).filter(sentence => sentence.at(-1) === `.tag=${tag}`);
	assert.deepEqual(reply.map(sentence => sentence[0]), ['!re', '!done'], `witness after round ${round}`);
}

describe('fuzzing the API server', () => {
	it('never crashes or disturbs another client, whatever arrives', async () => {
		const errors: unknown[] = [];
		const sim: SimHandle = await startSim({scenario: 'two-wan', clock: 'manual', seed: 7, onError: error => errors.push(error)});
		const witness = await RawClient.connect(sim.port);
		try {
			await witness.login();
			witness.send('/ip/firewall/mangle/listen', '.tag=stream');
			const seed = 20261122;
			// Seeded, so a failing case can be replayed from the seed in its message.
			const rng = new Random(seed);
			const next = () => rng.next();
			const rounds = 40;
			const perRound = 50;
			for (let round = 0; round < rounds; round++) {
				const cases = Array.from({length: perRound}, () => ({payload: randomBytes(next), login: next() < 0.7}));
				await Promise.all(cases.map(async ({payload, login}) => runCase(sim.port, payload, login)));
				await witnessCheck(witness, round);
				assert.deepEqual(errors, [], `internal failure in round ${round} (seed ${seed})`);
			}
			// Whole words of every length form, to the session directly.
			const big = await RawClient.connect(sim.port);
			await big.login();
			big.socket.write(Buffer.concat([encodeWord('/ip/address/print'), encodeWord(`=comment=${'x'.repeat(0x4000)}`), Buffer.from([0])]));
			await big.reply();
			await big.close();
			await witnessCheck(witness, rounds);
			const deadline = Date.now() + 3000;
			while (sim.server.connections > 1 && Date.now() < deadline) await new Promise(resolve => setImmediate(resolve));
			assert.equal(sim.server.connections, 1, 'only the witness is left connected');
		} finally {
			await witness.close();
			await sim.close();
		}
		assert.deepEqual(errors, []);
	});
});
