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
			const everyRoute = await api.print('/ip/route');
			assert.ok(config.routes.every(row => everyRoute.some(route => route['.id'] === row['.id'])));
			assert.deepEqual(discover(config), discover({...config, routes: everyRoute}), 'the routes read are all discovery needs');
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

describe('readConfig and a large routing table', () => {
	it('reads default routes and the host routes gateways and probes need, recursively, and nothing else', async () => {
		const {router, api} = await scenarioRouter('two-wan');
		for (let index = 0; index < 5000; index++) {
			router.insert('/ip/route', {'dst-address': `10.${index >> 8}.${index & 255}.0/24`, gateway: '203.0.113.1'});
		}
		// A probe reached through two recursive host routes.
		router.insert('/tool/netwatch', {host: '8.8.8.8', interval: '10s'});
		router.insert('/ip/route', {'dst-address': '8.8.8.8/32', gateway: '9.9.9.9', scope: '10'});
		router.insert('/ip/route', {'dst-address': '9.9.9.9/32', gateway: '203.0.113.1', scope: '10'});

		const config = await readConfig(api);
		const everyRoute = await api.print('/ip/route');
		const wanted = everyRoute.filter(row => ['0.0.0.0/0', '8.8.8.8/32', '9.9.9.9/32'].includes(row['dst-address']));
		assert.equal(wanted.length, 6, 'four default routes (two tables, main\'s failover pair) and the two host routes');
		assert.deepEqual(config.routes.map(row => row['.id']).sort(), wanted.map(row => row['.id']).sort());
		assert.deepEqual(discover(config), discover({...config, routes: everyRoute}));
	});
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
		const {raw, api} = await batchServer(19);
		const config = await readConfig(api);
		assert.deepEqual(config.mangle, []);
		assert.equal(raw.sentences.filter(words => words[0] !== '/login').length, 19);
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
