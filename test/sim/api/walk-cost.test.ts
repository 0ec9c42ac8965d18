import {test} from 'node:test';
import assert from 'node:assert/strict';
import {connectRouter} from '../../../source/routeros/client.js';
import {startSim} from '../../../source/sim/index.js';

const connectionTable = '/ip/firewall/connection';

/** A two-WAN router with 2,000 connections that walks 10,000 rows a second: 0.2 s per walk. */
async function slowRouter(t: {after: (fn: () => unknown) => void}) {
	const sim = await startSim({scenario: 'two-wan', clock: 'manual', seed: 3, connections: 2000, rate: 0, scanRate: 10_000});
	t.after(() => sim.close());
	const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
	t.after(() => api.close());
	return {sim, api, walkMs: (sim.router.conntrack.size / 10_000) * 1000};
}

test('a router with a scan rate answers each count after walking its table, one walk after another', async t => {
	const {sim, api, walkMs} = await slowRouter(t);
	const finished: string[] = [];
	const started = performance.now();
	const timed = <T>(name: string, request: Promise<T>) => request.then(value => {
		finished.push(name);
		return {value, ms: performance.now() - started};
	});
	const [all, wan1, wan2, resource] = await Promise.all([
		timed('all', api.count(connectionTable)),
		timed('wan1', api.count(connectionTable, ['connection-mark=wan1_conn'])),
		timed('wan2', api.count(connectionTable, ['connection-mark=wan2_conn'])),
		timed('resource', api.print('/system/resource')),
	]);
	assert.equal(all.value, sim.router.conntrack.size);
	assert.equal(wan1.value + wan2.value, sim.router.conntrack.size - sim.router.conntrack.countByMark(undefined));
	// The small menu is not a walk: it does not wait behind the three that are.
	assert.deepEqual(finished, ['resource', 'all', 'wan1', 'wan2']);
	// Walks queue on the router's one CPU: the third ends no sooner than three walks in.
	// (1 ms of slack: Node's timers run off a clock that is read once per loop turn.)
	assert.ok(all.ms >= walkMs - 1 && wan1.ms >= 2 * walkMs - 1 && wan2.ms >= 3 * walkMs - 1, `${all.ms} ${wan1.ms} ${wan2.ms}`);
	const load = Number(resource.value[0]?.['cpu-load']);
	const after = Number((await api.print('/system/resource', {proplist: ['cpu-load']}))[0]?.['cpu-load']);
	assert.ok(after > load, `cpu-load ${load}% before the walks, ${after}% after`);
});

test('a filtered print of the connection table walks it too; in-process commands answer at once', async t => {
	const {sim, api, walkMs} = await slowRouter(t);
	const started = performance.now();
	const rows = await api.print(connectionTable, {query: ['protocol=udp'], proplist: ['.id']});
	assert.ok(performance.now() - started >= walkMs - 1);
	assert.ok(rows.length > 0);
	// An import or a script reads its replies on return: it is charged, not held back.
	const result = sim.router.run(`${connectionTable}/print`, {'count-only': ''});
	assert.equal(result.ret, String(sim.router.conntrack.size));
});
