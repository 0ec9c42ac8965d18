import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {startSim, type SimHandle} from '../../../source/sim/index.js';

/** The seeds' examples, transcribed under test/fixtures/seeds (the seeds themselves are not in the repository). */
function seed(name: string): string {
	return readFileSync(new URL(`../../fixtures/seeds/${name}`, import.meta.url), 'utf8');
}

async function withSeed(name: string, body: (sim: SimHandle) => void): Promise<void> {
	const sim = await startSim({rsc: seed(name), rscName: name, clock: 'manual', seed: 3});
	try {
		body(sim);
	} finally {
		await sim.close();
	}
}

function rows(sim: SimHandle, path: string, queries: string[] = []) {
	return sim.router.run(`${path}/print`, {}, {queries}).rows;
}

function share(sim: SimHandle, mark: string, marks: string[]): number {
	const total = marks.reduce((sum, each) => sum + sim.router.conntrack.countByMark(each), 0);
	assert.ok(total > 1000, `enough marked connections (${total})`);
	return sim.router.conntrack.countByMark(mark) / total;
}

describe('the seeds\' examples, loaded as written', () => {
	it('seed 000, two WANs: loads without a warning; the management rule goes first; PCC splits 1:1', () =>
		withSeed('seed-000-two-wan.rsc', sim => {
			assert.deepEqual(sim.warnings, []);
			assert.equal(sim.version, '7.18.2', 'routing tables make it a RouterOS 7 script');
			const mangle = rows(sim, '/ip/firewall/mangle');
			assert.equal(mangle[0].comment, 'Skip PCC for management', 'place-before=0 put it first');
			assert.deepEqual(mangle.slice(1).map(row => row.comment), ['PCC LAN->WAN1', 'Route WAN1 traffic', 'PCC LAN->WAN2', 'Route WAN2 traffic']);
			sim.step(60_000);
			const wan1 = share(sim, 'wan1_conn', ['wan1_conn', 'wan2_conn']);
			assert.ok(Math.abs(wan1 - 0.5) < 0.05, `wan1 share ${wan1}`);
		}));

	it('seed 000, three WANs: the comma-separated remainders are refused as RouterOS refuses them, the rest runs', () =>
		withSeed('seed-000-three-wan.rsc', sim => {
			const direct = sim.router.run('/ip/firewall/mangle/add', {
				chain: 'prerouting', action: 'mark-connection', 'new-connection-mark': 'x',
				'per-connection-classifier': 'both-addresses-and-ports:10/5,6,7',
			});
			assert.equal(direct.traps.length, 1, 'the router itself refuses the list');
			const text = seed('seed-000-three-wan.rsc').split('\n');
			assert.deepEqual(
				sim.warnings.map(warning => text[warning.line - 1].match(/:10\/[\d,]+/)?.[0]),
				[':10/0,1,2,3,4', ':10/5,6,7', ':10/8,9'],
			);
			assert.equal(sim.warnings[1].message, `/ip firewall mangle add: ${direct.traps[0]}`);
			assert.deepEqual(
				rows(sim, '/ip/firewall/mangle').map(row => `${row.action} ${row['new-routing-mark']}`),
				['mark-routing wan1', 'mark-routing wan2', 'mark-routing wan3'],
			);
			assert.equal(rows(sim, '/ip/firewall/nat').length, 3);
			sim.step(20_000);
			assert.deepEqual(sim.router.conntrack.marks(), [], 'with no mark-connection rule left, no connection is marked');
		}));

	it('seed 001, 2:1 over three buckets: loads, DHCP and PPPoE come up, two thirds go to ISP1', () =>
		withSeed('seed-001-2to1.rsc', sim => {
			assert.deepEqual(sim.warnings, []);
			assert.equal(rows(sim, '/ip/dhcp-client')[0].status, 'bound');
			assert.equal(rows(sim, '/interface/pppoe-client')[0].running, 'true');
			const active = rows(sim, '/ip/route', ['dst-address=0.0.0.0/0', 'active=true']);
			assert.deepEqual(active.map(row => `${row['routing-table']} ${row.gateway}`).sort(), [
				'isp1 100.64.10.1', 'isp2 pppoe-out1', 'main 100.64.10.1',
			]);
			sim.step(60_000);
			const isp1 = share(sim, 'isp1_conn', ['isp1_conn', 'isp2_conn']);
			assert.ok(Math.abs(isp1 - 2 / 3) < 0.05, `isp1 share ${isp1}`);
		}));
});
