import {test} from 'node:test';
import assert from 'node:assert/strict';
import {hashFields, readClassifier, type PccClassifier} from '../../../source/sim/model/classifier.js';
import {pccHash, pccMatcher, type HashInput} from '../../../source/sim/engine/pcc-hash.js';
import {Random} from '../../../source/sim/engine/random.js';

function tuple(random: Random): HashInput {
	return {src: 0xc0a85800 + random.int(254), dst: random.int(2 ** 32), srcPort: 32768 + random.int(28000), dstPort: 1 + random.int(65535)};
}

/** |observed - n·p| within 4 binomial standard deviations: fails by chance about once in 16,000. */
function assertShare(observed: number, n: number, p: number, label: string): void {
	const sigma = Math.sqrt(n * p * (1 - p));
	assert.ok(Math.abs(observed - n * p) <= 4 * sigma, `${label}: ${observed} of ${n}, expected ${n * p} ± ${Math.round(4 * sigma)}`);
}

test('every hash field set spreads distinct values evenly over the buckets', () => {
	const random = new Random(7);
	for (const fields of hashFields) {
		const buckets = new Array(5).fill(0);
		const n = 5000;
		for (let index = 0; index < n; index++) {
			// Vary every field freely so each set has plenty of distinct inputs.
			const input = {src: random.int(2 ** 32), dst: random.int(2 ** 32), srcPort: random.int(65536), dstPort: random.int(65536)};
			buckets[pccHash(fields, input) % 5]++;
		}
		buckets.forEach((count, bucket) => assertShare(count, n, 1 / 5, `${fields} bucket ${bucket}`));
	}
});

/** What a field set's name says it reads: `src`, `dst` or `both` sides; addresses, ports or both. */
function namedParts(fields: string): Array<keyof HashInput> {
	const [, side, what] = /^(src|dst|both)-(.+)$/.exec(fields)!;
	const sides = side === 'both' ? (['src', 'dst'] as const) : [side as 'src' | 'dst'];
	return [
		...(what.startsWith('address') ? sides : []),
		...(what.includes('port') ? sides.map(name => `${name}Port` as const) : []),
	];
}

test('each hash reads only its own fields', () => {
	const random = new Random(11);
	for (const fields of hashFields) {
		const used = namedParts(fields);
		const base = tuple(random);
		const hash = pccHash(fields, base);
		let changedByOwn = 0;
		for (let index = 0; index < 50; index++) {
			const other = tuple(random);
			// Changing only fields it does not read never moves the connection.
			const kept = {...other};
			for (const name of used) kept[name] = base[name];
			assert.equal(pccHash(fields, kept), hash, `${fields} moved when other fields changed`);
			if (pccHash(fields, other) !== hash) changedByOwn++;
		}
		assert.ok(changedByOwn > 40, `${fields} hardly depends on its own fields`);
	}
});

test('one host with src-address always lands in one bucket', () => {
	const random = new Random(3);
	const matchers = [0, 1, 2].map(remainder => pccMatcher(readClassifier(`src-address:3/${remainder}`) as PccClassifier));
	const host = 0xc0a8580a;
	const hits = new Set<number>();
	for (let index = 0; index < 200; index++) {
		const input = {...tuple(random), src: host};
		const matched = matchers.flatMap((match, remainder) => (match(input) ? [remainder] : []));
		assert.equal(matched.length, 1);
		hits.add(matched[0]);
	}
	assert.equal(hits.size, 1);
});

test('exactly one remainder matches, and ! matches the others', () => {
	const random = new Random(5);
	const plain = [0, 1, 2, 3].map(remainder => pccMatcher(readClassifier(`both-addresses-and-ports:4/${remainder}`) as PccClassifier));
	const negated = pccMatcher(readClassifier('!both-addresses-and-ports:4/2') as PccClassifier);
	for (let index = 0; index < 500; index++) {
		const input = tuple(random);
		assert.equal(plain.filter(match => match(input)).length, 1);
		assert.equal(negated(input), !plain[2](input));
	}
	const unreachable = pccMatcher(readClassifier('src-address:3/5') as PccClassifier);
	assert.equal(unreachable(tuple(random)), false, 'a remainder past the denominator never matches');
});
