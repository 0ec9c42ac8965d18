import {afterEach, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {applyWeights} from '../../source/actions/weights.js';
import {discover} from '../../source/pcc/discover.js';
import {planWeights} from '../../source/pcc/weights.js';
import {connectRouter} from '../../source/routeros/client.js';
import {readConfig} from '../../source/routeros/reads.js';
import {startSim, type SimHandle} from '../../source/sim/index.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Share of new connections each mark got. With about 3,000 new connections the standard
 * deviation of a 2/3 share is under 1 point; 5 points of tolerance fails only a broken split.
 */
const tolerance = 0.05;

function newConnectionShares(sim: SimHandle, existing: ReadonlySet<number>): {total: number; byMark: Map<string, number>} {
	const byMark = new Map<string, number>();
	let total = 0;
	for (const connection of sim.router.conntrack.values()) {
		if (existing.has(connection.id) || connection.mark === undefined) continue;
		byMark.set(connection.mark, (byMark.get(connection.mark) ?? 0) + 1);
		total++;
	}
	return {total, byMark};
}

describe('new connections follow new weights', () => {
	for (const name of ['two-wan', 'three-wan-weighted', 'pppoe-2to1', 'routeros6']) {
		// Chosen to differ from every scenario's own weights, so an unapplied change fails.
		it(`${name}: after weights 1:2 (1 for any other WAN) the new connections split so within ${tolerance * 100} points`, async () => {
			const sim = await startSim({scenario: name, clock: 'manual', seed: 7, connections: 0, rate: 400});
			cleanups.push(() => sim.close());
			const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
			cleanups.push(() => api.close());
			const config = await readConfig(api);
			const wans = discover(config).wans.filter(wan => wan.remainders.length > 0);
			const weights = Object.fromEntries(wans.map((wan, index) => [wan.name, index === 1 ? 2 : 1]));
			const plan = planWeights(discover(config), config.mangle, weights);
			const outcome = await applyWeights({router: api, readConfig}, config, plan);
			assert.equal(outcome.result, 'ok', outcome.message);

			const existing = new Set([...sim.router.conntrack.values()].map(connection => connection.id));
			sim.step(8_000);
			const {total, byMark} = newConnectionShares(sim, existing);
			assert.ok(total > 1_000, `enough new connections to judge (${total})`);
			const sum = Object.values(weights).reduce((a, b) => a + b, 0);
			for (const wan of wans) {
				const share = (byMark.get(wan.connectionMark) ?? 0) / total;
				const expected = weights[wan.name] / sum;
				assert.ok(Math.abs(share - expected) <= tolerance, `${wan.name}: ${(share * 100).toFixed(1)}% of ${total} new connections, expected ${(expected * 100).toFixed(1)}%`);
			}
		});
	}
});
