import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {startSim} from '../../../source/sim/index.js';

/**
 * librouteros, the Python RouterOS client many monitoring tools are built on, against the
 * simulator over TCP: our own script (librouteros-client.py) does what such a tool does and
 * reports what it saw. The system Python runs it, where Debian's python3-librouteros lives.
 */

const python = '/usr/bin/python3';
const script = fileURLToPath(new URL('librouteros-client.py', import.meta.url));

function missingLibrary(): string | undefined {
	const probe = spawnSync(python, ['-c', 'import librouteros'], {encoding: 'utf8'});
	if (probe.error) return `${python} is not installed`;
	if (probe.status !== 0) return 'python3-librouteros is not installed (apt-get install python3-librouteros)';
	return undefined;
}

const skip = missingLibrary() ?? false;

type Seen = Record<string, unknown>;

async function run(scenario: string, routeros: string | undefined, login: 'plain' | 'token'): Promise<Seen> {
	const sim = await startSim({
		scenario,
		routeros,
		clock: 'manual',
		connections: 20,
		rate: 0,
		users: [
			{name: 'admin', password: '', group: 'full'},
			{name: 'reader', password: 'r', group: 'read'},
		],
	});
	try {
		const output = await new Promise<string>((resolve, reject) => {
			execFile(python, [script, String(sim.port), login], {timeout: 60_000}, (error, stdout, stderr) => {
				if (error) reject(new Error(`${error.message}\n${stderr}`));
				else resolve(stdout);
			});
		});
		return JSON.parse(output) as Seen;
	} finally {
		await sim.close();
	}
}

/**
 * The board each scenario's header names: an RB5009 (1 GiB, ether1..8 and sfp-sfpplus1) and
 * a hEX (256 MiB, ether1..5); in both the bridge runs and ether5 is disabled.
 */
const boards = {
	v7: {memory: 1_073_741_824, running: ['bridge', 'ether1', 'ether2', 'ether3', 'ether4', 'ether6', 'ether7', 'ether8', 'sfp-sfpplus1']},
	v6: {memory: 268_435_456, running: ['bridge', 'ether1', 'ether2', 'ether3', 'ether4']},
};

function checkCommonAnswers(seen: Seen, identity: string, board: (typeof boards)['v7']): void {
	assert.deepEqual(seen.identity, [identity]);
	// librouteros turns numbers into ints: the values are numeric text.
	assert.deepEqual(seen.resource, {uptime: '3s', 'cpu-count': 4, 'total-memory': board.memory});
	const added = seen.add_and_select as {id: string; rows: unknown[]};
	assert.match(added.id, /^\*[0-9A-F]+$/);
	assert.deepEqual(added.rows, [{'.id': added.id, address: '198.51.100.7/24'}]);
	assert.deepEqual(seen.in_operator, ['198.51.100.7/24', '203.0.113.9/24']);
	assert.deepEqual(seen.booleans, {
		running: board.running,
		not_disabled: board.running.length,
		all: board.running.length + 1,
		static_routes: 4,
		typed_running: ['bool'],
	});
	assert.deepEqual(seen.proplist_of_missing_property, []);
	assert.equal(seen.long_word, 247);
	assert.deepEqual(seen.update, [{address: '198.51.100.8/24', disabled: true}]);
	assert.deepEqual(seen.remove, []);
	assert.deepEqual(seen.empty_print, []);
	assert.equal(seen.ditched_generator, true);
	assert.deepEqual(seen.bad_value, {trap: 'input does not match any value of interface', category: 1});
	assert.deepEqual(seen.unknown_parameter, {trap: 'unknown parameter', category: null});
	assert.deepEqual(seen.unknown_menu, {
		multitrap: [
			['no such command or directory (adress)', 0],
			['no such command prefix', null],
		],
	});
	assert.deepEqual(seen.no_slash, {trap: 'no such command prefix', category: null});
	assert.deepEqual(seen.no_such_item, {trap: 'no such item', category: null});
	assert.deepEqual(seen.read_only_user, {rows: 5, add: 'not enough permissions (9)'});
	const monitoring = seen.monitoring as {package: string; active: unknown; cpus: number; ether1: unknown};
	// The reader's session may still be closing: admin's own is there for sure.
	assert.ok((monitoring.active as string[][]).some(([name, via]) => name === 'admin' && via === 'api'), JSON.stringify(monitoring.active));
	assert.equal(monitoring.cpus, 4);
	assert.deepEqual(monitoring.ether1, [['ether1', 'link-ok', true]]);
	assert.deepEqual(seen.new_account, {rows: board.running.length + 1, add: 'not enough permissions (9)'});
}

describe('librouteros against the simulator', {skip}, () => {
	it('RouterOS 7 (plain login, !empty): prints with queries and proplist, changes, traps', async () => {
		const seen = await run('failover', undefined, 'plain');
		checkCommonAnswers(seen, 'pcc-failover', boards.v7);
		assert.equal((seen.monitoring as {package: string}).package, 'routeros');
		assert.deepEqual(seen.wrong_password, {trap: 'invalid user name or password (6)', category: null});
	});

	it('RouterOS 6.42 (challenge login): the same answers', async () => {
		const seen = await run('routeros6', '6.42.12', 'token');
		checkCommonAnswers(seen, 'pcc-routeros6', boards.v6);
		assert.equal((seen.monitoring as {package: string}).package, 'routeros-mmips');
		assert.deepEqual(seen.wrong_password, {trap: 'cannot log in', category: null});
	});
});
