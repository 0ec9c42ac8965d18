import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {discover} from '../../source/pcc/discover.js';
import {countedMarks} from '../../source/pcc/live.js';
import {connectRouter} from '../../source/routeros/client.js';
import {majorVersion, readConfig, readCounts} from '../../source/routeros/reads.js';
import {scenarioNames} from '../../source/sim/scenarios/index.js';
import {acceptEverything, startRawServer, startScenarioServer} from './helpers.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scenarioRouter(name: string) {
	const sim = await startScenarioServer(name);
	cleanups.push(() => sim.server.close());
	assert.deepEqual(sim.warnings, [], `${name} loads cleanly`);
	const api = await connectRouter({host: '127.0.0.1', port: sim.port, user: 'admin', password: ''});
	cleanups.push(() => api.close());
	return {...sim, api};
}

describe('majorVersion', () => {
	it('reads 7 for 7.x and later, 6 for 6.x and anything unreadable', () => {
		assert.deepEqual(['7.18.2 (stable)', '7.1rc1', '8.0', '6.49.7 (long-term)', ''].map(majorVersion), [7, 7, 7, 6, 6]);
	});
});

describe('readConfig and readCounts against every scenario', () => {
	for (const name of scenarioNames) {
		it(`${name}: the configuration the router holds, and counts matching its connection table`, async () => {
			const {router, conntrack, api, definition} = await scenarioRouter(name);
			const config = await readConfig(api);
			assert.equal(config.routeros, majorVersion(definition.version));
			assert.match(config.version, new RegExp(`^${definition.version.replaceAll('.', '\\.')}`));
			assert.equal(config.mangle.length, router.rows('/ip/firewall/mangle').length);
			assert.equal(config.routes.length, router.rows('/ip/route').length);
			assert.ok(config.mangle.every(row => row.bytes !== undefined), 'mangle is read with stats');
			if (config.routeros === 7) assert.ok(config.routingTables.length > 0);
			else assert.deepEqual(config.routingTables, []);

			const topology = discover(config);
			assert.ok(topology.wans.length >= 2, `${name} has WANs`);
			const marks = countedMarks(topology);
			const spread = [...marks, undefined];
			for (let index = 0; index < 50; index++) conntrack.add({mark: spread[index % spread.length]});
			const counts = await readCounts(api, marks);
			assert.equal(counts.total, 50);
			assert.equal(counts.unmarked, conntrack.countByMark(undefined));
			for (const mark of marks) assert.equal(counts.byMark[mark], conntrack.countByMark(mark), mark);
		});
	}
});

describe('pipelining', () => {
	/**
	 * A router that answers nothing until `batch` commands are waiting: a client that waits
	 * for one reply before sending the next command never gets an answer.
	 */
	async function batchServer(batch: number) {
		const waiting: string[][] = [];
		const raw = await startRawServer(words => {
			if (words[0] === '/login') return acceptEverything(words);
			waiting.push(words);
			if (waiting.length < batch) return;
			return waiting.splice(0).map(command => {
				const tag = command.find(word => word.startsWith('.tag='))!;
				return command.includes('=count-only=') ? ['!done', tag, '=ret=7'] : ['!done', tag];
			});
		});
		cleanups.push(() => raw.close());
		const api = await connectRouter({host: '127.0.0.1', port: raw.port, user: 'admin', password: '', commandTimeoutMs: 5000});
		cleanups.push(() => api.close());
		return {raw, api};
	}

	it('readConfig sends every menu read at once', async () => {
		const {raw, api} = await batchServer(16);
		const config = await readConfig(api);
		assert.deepEqual(config.mangle, []);
		assert.equal(raw.sentences.filter(words => words[0] !== '/login').length, 16);
	});

	it('readCounts sends every count at once, all count-only: the connection table never crosses', async () => {
		const {raw, api} = await batchServer(4);
		const counts = await readCounts(api, ['isp1_conn', 'isp2_conn']);
		assert.deepEqual(counts, {total: 7, unmarked: 7, byMark: {isp1_conn: 7, isp2_conn: 7}});
		const reads = raw.sentences.filter(words => words[0] === '/ip/firewall/connection/print');
		assert.equal(reads.length, 4);
		for (const words of reads) assert.ok(words.includes('=count-only='), words.join(' '));
	});
});
