import assert from 'node:assert/strict';
import {connect} from 'node:net';
import {it} from 'node:test';
import {routerSource} from '../../source/monitor/source.js';
import {discover} from '../../source/pcc/discover.js';
import {countedMarks} from '../../source/pcc/live.js';
import {connectRouter} from '../../source/routeros/client.js';
import {Random} from '../../source/sim/engine/random.js';
import {startSim} from '../../source/sim/index.js';
import {encodeSentence} from '../../source/sim/wire/codec.js';

/*
 * Property: whatever a client sends, the simulator neither crashes nor disturbs another
 * client's session. test/sim/server-fuzz.test.ts throws random sentences at it with a raw
 * witness; here the sentences are the very ones pccmon sends, mutated (bytes flipped, words
 * cut, lengths lying, sentences spliced), logged in or not, and the witness is pccmon's own
 * node-routeros session polling full ticks and checking every answer throughout.
 */

/** The words of a login and a tick, as pccmon sends them. */
const seeds: string[][] = [
	['/login', '=name=admin', '=password='],
	['/ip/firewall/mangle/print', '=stats=', '=.proplist=.id,bytes,packets,chain,action', '.tag=1'],
	['/ip/route/print', '?dst-address=0.0.0.0/0', '=.proplist=.id,gateway,distance,routing-table', '.tag=2'],
	['/ip/firewall/connection/print', '=count-only=', '?connection-mark=wan1_conn', '.tag=3'],
	['/interface/print', '?name=ether1', '?name=ether2', '?#|', '=.proplist=name,rx-byte,tx-byte,running', '.tag=4'],
	['/system/resource/print', '=.proplist=uptime,cpu-load', '.tag=5'],
	['/cancel', '=tag=3'],
	['/tool/netwatch/print', '.tag=6'],
];

function mutated(random: Random): Buffer {
	const login = encodeSentence(seeds[0]);
	const picks = Array.from({length: 1 + random.int(4)}, () => seeds[random.int(seeds.length)]);
	let bytes = Buffer.concat([...(random.next() < 0.6 ? [login] : []), ...picks.map(words => encodeSentence(words))]);
	const edits = random.int(4);
	for (let edit = 0; edit < edits; edit++) {
		const roll = random.next();
		const at = random.int(bytes.length);
		if (roll < 0.35) bytes[at] = random.int(256);
		else if (roll < 0.55) bytes = bytes.subarray(0, at);
		else if (roll < 0.7) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xF0 + random.int(16), random.int(256), random.int(256), random.int(256), random.int(256)]), bytes.subarray(at)]);
		else if (roll < 0.85) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(random.int(bytes.length))]);
		else bytes = Buffer.concat([bytes, Buffer.from(Array.from({length: random.int(64)}, () => random.int(256)))]);
	}
	return bytes;
}

/** Sends one case on its own connection and waits until either side is done with it. */
function send(port: number, bytes: Buffer): Promise<void> {
	return new Promise(resolve => {
		const socket = connect(port, '127.0.0.1');
		const done = () => {
			clearTimeout(timer);
			socket.destroy();
			resolve();
		};
		const timer = setTimeout(done, 300);
		socket.on('error', done);
		socket.on('close', done);
		socket.on('connect', () => socket.write(bytes));
	});
}

it('2,000 mutated pccmon sentences: the sim stays up and pccmon\'s own session keeps getting right answers', {timeout: 60_000}, async () => {
	const errors: unknown[] = [];
	const sim = await startSim({scenario: 'two-wan', clock: 'manual', seed: 9, onError: error => errors.push(error)});
	const witness = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
	try {
		const source = routerSource(() => witness);
		const config = await source.readConfig();
		const plan = {routeros: config.routeros, marks: countedMarks(discover(config)), interfaces: ['ether1', 'ether2']};
		const expected = await source.readTick(plan);
		const expectedCounts = await source.readCounts(plan.marks);
		const seed = 4242;
		const random = new Random(seed);
		for (let round = 0; round < 40; round++) {
			const cases = Array.from({length: 50}, () => mutated(random));
			const tick = Promise.all([source.readTick(plan), source.readCounts(plan.marks)]);
			await Promise.all(cases.map(bytes => send(sim.port, bytes)));
			const [read, counts] = await tick;
			assert.deepEqual(read.mangle.map(rule => rule.id), expected.mangle.map(rule => rule.id), `round ${round} (seed ${seed})`);
			assert.deepEqual(counts, expectedCounts, `round ${round} (seed ${seed})`);
			assert.deepEqual(read.routes, expected.routes, `round ${round} (seed ${seed})`);
			assert.deepEqual(errors, [], `internal failure in round ${round} (seed ${seed})`);
		}
		for (let turn = 0; turn < 2000 && sim.server.connections > 1; turn++) await new Promise(resolve => setImmediate(resolve));
		assert.equal(sim.server.connections, 1, 'only pccmon\'s session is left');
	} finally {
		await witness.close();
		await sim.close();
	}
});
