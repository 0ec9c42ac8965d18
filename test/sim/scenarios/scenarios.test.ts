import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {discover} from '../../../source/pcc/discover.js';
import {connectRouter} from '../../../source/routeros/client.js';
import {readConfig} from '../../../source/routeros/reads.js';
import {startSim, type SimHandle} from '../../../source/sim/index.js';
import {loadRsc} from '../../../source/sim/rsc/load.js';
import {parseRsc} from '../../../source/sim/rsc/parse.js';
import {failoverGateway, failoverTimes, scenario, scenarioNames} from '../../../source/sim/scenarios/index.js';
import {ConnectionTable} from '../../../source/sim/engine/conntrack.js';
import {SimRouter} from '../../../source/sim/router.js';

async function withScenario(name: string, body: (sim: SimHandle) => Promise<void> | void): Promise<void> {
	const sim = await startSim({scenario: name, clock: 'manual', seed: 7});
	try {
		await body(sim);
	} finally {
		await sim.close();
	}
}

function rows(sim: SimHandle, path: string, queries: string[] = [], attributes: Record<string, string> = {}) {
	const result = sim.router.run(`${path}/print`, attributes, {queries});
	assert.deepEqual(result.traps, []);
	return result.rows;
}

/** Each mark's share of the marked connections, rounded to a percent. */
function shares(sim: SimHandle, marks: string[]): number[] {
	const counts = marks.map(mark => sim.router.conntrack.countByMark(mark));
	const total = counts.reduce((sum, count) => sum + count, 0);
	assert.ok(total > 1000, `enough marked connections to judge shares (${total})`);
	return counts.map(count => Math.round((100 * count) / total));
}

/** Shares within 5 percentage points: thousands of connections put PCC's spread well inside that. */
function assertShares(actual: number[], expected: number[]): void {
	for (const [index, share] of expected.entries()) {
		assert.ok(Math.abs(actual[index] - share) <= 5, `share ${index}: ${actual[index]}% expected ${share}% ± 5 (${actual.join('/')})`);
	}
}

function defaultRoutes(sim: SimHandle) {
	return rows(sim, '/ip/route', ['dst-address=0.0.0.0/0']);
}

describe('built-in scenarios', () => {
	for (const name of scenarioNames) {
		it(`${name}: loads without a warning, serves, and its PCC rules count traffic`, () =>
			withScenario(name, sim => {
				assert.deepEqual(sim.warnings, []);
				assert.equal(sim.version, scenario(name)!.version);
				const pccRules = () => rows(sim, '/ip/firewall/mangle', ['per-connection-classifier'], {stats: ''});
				const before = pccRules().reduce((sum, row) => sum + Number(row.packets), 0);
				sim.step(10_000);
				const after = pccRules().reduce((sum, row) => sum + Number(row.packets), 0);
				assert.ok(after > before, `PCC rule packets moved: ${before} -> ${after}`);
			}));
	}

	it('every export carries the header a RouterOS export has, with the version the scenario runs', () => {
		for (const name of scenarioNames) {
			const definition = scenario(name)!;
			assert.equal(parseRsc(definition.rsc).version, definition.version, name);
			assert.ok(definition.description.length > 0, name);
		}
	});

	it('two-wan splits new connections 1:1', () =>
		withScenario('two-wan', sim => {
			sim.step(60_000);
			assertShares(shares(sim, ['wan1_conn', 'wan2_conn']), [50, 50]);
		}));

	it('three-wan-weighted splits 5/3/2 with one rule per bucket', () =>
		withScenario('three-wan-weighted', sim => {
			const classifiers = rows(sim, '/ip/firewall/mangle', ['per-connection-classifier']).map(row => row['per-connection-classifier']);
			assert.deepEqual(classifiers, Array.from({length: 10}, (_value, index) => `both-addresses-and-ports:10/${index}`));
			sim.step(60_000);
			assertShares(shares(sim, ['wan1_conn', 'wan2_conn', 'wan3_conn']), [50, 30, 20]);
		}));

	it('pppoe-2to1: DHCP and PPPoE clients come up with addresses and dynamic default routes; 2:1 split', () =>
		withScenario('pppoe-2to1', sim => {
			const [dhcp] = rows(sim, '/ip/dhcp-client');
			assert.equal(dhcp.status, 'bound');
			assert.equal(dhcp.address, '100.64.10.2/24');
			assert.equal(dhcp.gateway, '100.64.10.1');
			const [pppoe] = rows(sim, '/interface/pppoe-client');
			assert.equal(pppoe.running, 'true');
			const main = defaultRoutes(sim).filter(row => row['routing-table'] === 'main');
			assert.deepEqual(
				main.map(row => [row.gateway, row.distance, row.dynamic, row.active]).sort(),
				[['100.64.10.1', '1', 'true', 'true'], ['pppoe-out1', '2', 'true', 'false']],
			);
			const tables = defaultRoutes(sim).filter(row => row['routing-table'] !== 'main' && row.active === 'true');
			assert.deepEqual(tables.map(row => `${row['routing-table']} ${row.gateway}`).sort(), ['isp1 100.64.10.1', 'isp2 pppoe-out1']);
			sim.step(60_000);
			assertShares(shares(sim, ['isp1_conn', 'isp2_conn']), [67, 33]);
			const inbound = rows(sim, '/ip/firewall/mangle', ['chain=input'], {stats: ''});
			assert.equal(inbound.length, 2);
			assert.ok(inbound.some(row => Number(row.packets) > 0), 'connections coming in from a WAN are marked in the input chain');
		}));

	it('failover: WAN2\'s gateway dies within 30 s, its routes go inactive, netwatch flushes it, and it all comes back', () =>
		withScenario('failover', sim => {
			const {firstDown, downFor, period} = failoverTimes;
			let elapsed = 0;
			const until = (ms: number) => {
				sim.step(ms - elapsed);
				elapsed = ms;
			};
			const wan2Routes = () => defaultRoutes(sim).filter(row => row.gateway === failoverGateway);
			const netwatch = () => rows(sim, '/tool/netwatch', [`host=${failoverGateway}`])[0];
			assert.ok(wan2Routes().some(row => row.active === 'true'));
			until(firstDown - 1000);
			const marked = sim.router.conntrack.countByMark('wan2_conn');
			assert.ok(marked > 0);

			until(30_000);
			assert.equal(netwatch().status, 'down');
			assert.ok(wan2Routes().every(row => row.active !== 'true'), 'check-gateway turned WAN2\'s routes inactive');
			assert.ok(sim.router.conntrack.countByMark('wan2_conn') < marked, 'the down-script flushed WAN2\'s connections');
			assert.ok(rows(sim, '/log').some(row => row.topics?.includes('netwatch')), 'netwatch logged the change');

			until(firstDown + downFor + 20_000);
			assert.equal(netwatch().status, 'up');
			assert.ok(wan2Routes().some(row => row['routing-table'] === 'wan2' && row.active === 'true'), 'back when the gateway answers');

			until(period + firstDown + 15_000);
			assert.equal(netwatch().status, 'down', 'and down again on the next round');
		}));

	it('routeros6: routing marks on routes, a route rule, 1:1 split', () =>
		withScenario('routeros6', sim => {
			assert.equal(sim.router.version.major, 6);
			assert.deepEqual(defaultRoutes(sim).map(row => row['routing-mark']).filter(Boolean).sort(), ['to_WAN1', 'to_WAN2']);
			assert.equal(rows(sim, '/ip/route/rule').length, 1);
			sim.step(60_000);
			assertShares(shares(sim, ['WAN1_conn', 'WAN2_conn']), [50, 50]);
		}));

	it('misconfigured: pccmon finds each planted mistake, read over the API', async () =>
		withScenario('misconfigured', async sim => {
			const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
			try {
				const codes = new Set(discover(await readConfig(api)).problems.map(problem => problem.code));
				for (const code of ['unassigned-bucket', 'missing-masquerade', 'mark-routing-uses-pcc', 'no-check-gateway', 'netwatch-flushes-all-connections'] as const) {
					assert.ok(codes.has(code), `${code} among ${[...codes].join(', ')}`);
				}
			} finally {
				await api.close();
			}
		}));

	it('the clean scenarios have no error-level finding', async () => {
		for (const name of ['two-wan', 'three-wan-weighted', 'failover', 'pppoe-2to1', 'routeros6']) {
			await withScenario(name, async sim => {
				const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
				try {
					const errors = discover(await readConfig(api)).problems.filter(problem => problem.severity === 'error');
					assert.deepEqual(errors.map(problem => `${problem.code}:${problem.subject}`), [], name);
				} finally {
					await api.close();
				}
			});
		}
	});

	it('every scenario export also loads on a bare router, as `--rsc scenarios/NAME.rsc` would', () => {
		for (const name of scenarioNames) {
			const definition = scenario(name)!;
			const router = new SimRouter({version: definition.version, conntrack: new ConnectionTable(), now: () => 0});
			assert.deepEqual(loadRsc(router, parseRsc(definition.rsc)).warnings, [], name);
		}
	});
});
