import {test} from 'node:test';
import assert from 'node:assert/strict';
import {engineFor, pcc, wans} from './fixture.js';

/**
 * Tolerance: each WAN's count among the M marked connections is Binomial(M, share); the
 * test allows 4 standard deviations, sqrt(M·p·(1-p)), which a correct split misses about
 * once in 16,000 runs (and the seed is fixed, so a run is reproducible).
 */
function assertSplit(counts: number[], shares: number[]): void {
	const total = counts.reduce((sum, count) => sum + count, 0);
	shares.forEach((share, index) => {
		const sigma = Math.sqrt(total * share * (1 - share));
		const expected = total * share;
		assert.ok(Math.abs(counts[index] - expected) <= 4 * sigma, `wan${index + 1}: ${counts[index]} of ${total}, expected ${Math.round(expected)} ± ${Math.round(4 * sigma)}`);
	});
}

function split(buckets: number[], wanCount: number, connections = 20_000, hash?: string): number[] {
	const router = wans(wanCount);
	pcc(router, buckets, hash);
	const engine = engineFor(router, {seed: 42});
	try {
		engine.burst(connections);
		const counts = Array.from({length: wanCount}, (_value, index) => engine.conntrack.countByMark(`wan${index + 1}_conn`));
		// Only the router's own and inbound connections (a few percent) go unmarked.
		assert.ok(counts.reduce((a, b) => a + b, 0) > connections * 0.9);
		return counts;
	} finally {
		engine.dispose();
	}
}

test('two equal WANs share new connections 1:1', () => {
	assertSplit(split([1, 2], 2), [0.5, 0.5]);
});

test('three WANs weighted 5/3/2 over ten buckets, one rule per remainder', () => {
	assertSplit(split([1, 1, 1, 1, 1, 2, 2, 2, 3, 3], 3), [0.5, 0.3, 0.2]);
});

test('2:1 over three buckets', () => {
	assertSplit(split([1, 2, 1], 2), [2 / 3, 1 / 3]);
});

test('with src-address each LAN host sticks to one WAN', () => {
	const router = wans(2);
	pcc(router, [1, 2], 'src-address');
	const engine = engineFor(router, {seed: 9, hosts: 30});
	try {
		engine.burst(3000);
		const wanOf = new Map<string, Set<string | undefined>>();
		for (const connection of engine.conntrack.values()) {
			if (!connection.srcAddress.startsWith('192.168.88.')) continue;
			let marks = wanOf.get(connection.srcAddress);
			if (!marks) wanOf.set(connection.srcAddress, (marks = new Set()));
			marks.add(connection.mark);
		}
		assert.ok(wanOf.size >= 25);
		for (const [host, marks] of wanOf) assert.equal(marks.size, 1, `${host} used ${[...marks].join(', ')}`);
		// Thirty hosts still spread over both WANs.
		assert.equal(new Set([...wanOf.values()].map(marks => [...marks][0])).size, 2);
	} finally {
		engine.dispose();
	}
});

test('the same seed gives the same connections', () => {
	const run = () => {
		const router = wans(2);
		pcc(router, [1, 2]);
		const engine = engineFor(router, {seed: 5, rate: 300, connections: 200});
		engine.step(3000);
		const rows = [...engine.conntrack.values()].map(connection => engine.conntrack.format(connection, engine.clock.now()));
		engine.dispose();
		return rows;
	};
	const first = run();
	assert.ok(first.length > 500);
	assert.deepEqual(run(), first);
});
