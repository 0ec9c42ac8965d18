import {idOf} from './rows.js';
import type {Row, Topology, Wan} from './types.js';
import {WeightError} from './weight-error.js';

/** One rule per bucket: past this many the chain gets long for no gain in precision. */
const maxBuckets = 64;

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

/** Weights checked and reduced: per WAN as asked and in buckets, over the new denominator. */
export interface BucketCounts {
	/** As asked, in topology.wans order; WANs not named keep their number of buckets. */
	weights: number[];
	/** The weights over their greatest common divisor: buckets per WAN. */
	counts: number[];
	denominator: number;
}

/** Checks the weights a user asked for and reduces them to buckets; says what is wrong in one line. */
export function bucketCounts(topology: Topology, weights: Readonly<Record<string, number>>): BucketCounts {
	const wans = topology.wans;
	const unknown = Object.keys(weights).filter(name => !wans.some(wan => wan.name === name));
	if (unknown.length > 0) throw new WeightError(`no WAN "${unknown[0]}"; the WANs are ${wans.map(wan => wan.name).join(', ')}`);
	const asked = wans.map(wan => weights[wan.name] ?? wan.remainders.length);
	if (asked.some(weight => !Number.isInteger(weight) || weight < 0)) throw new WeightError('weights must be whole numbers, 0 or more');
	if (asked.every(weight => weight === 0)) throw new WeightError('at least one WAN needs a weight above 0');
	const divisor = asked.reduce((a, b) => gcd(a, b));
	const counts = asked.map(weight => weight / divisor);
	const denominator = counts.reduce((a, b) => a + b, 0);
	if (denominator > maxBuckets) throw new WeightError(`those weights need ${denominator} buckets (one rule each); keep their sum, divided by their common divisor, at most ${maxBuckets}`);
	wans.forEach((wan, index) => {
		if (counts[index] > 0 && !wan.connectionMark && !wan.routingMark) throw new WeightError(`${wan.name} has no mark to give buckets to`);
	});
	return {weights: asked, counts, denominator};
}

/** WAN indexes in the order their rules stand in the table; WANs without rules last. */
export function tableOrder(wans: readonly Wan[], mangle: readonly Row[]): number[] {
	const place = (wan: Wan): number => {
		const index = mangle.findIndex(row => wan.pccRuleIds.includes(idOf(row)));
		return index < 0 ? Number.POSITIVE_INFINITY : index;
	};
	return wans.map((wan, index) => ({index, at: place(wan)})).sort((a, b) => a.at - b.at || a.index - b.index).map(({index}) => index);
}

/**
 * Buckets per WAN. With an unchanged denominator each WAN keeps what it can of its own
 * buckets (fewer rules change); otherwise each WAN gets a contiguous run, in the order its
 * rules stand in the table (`order`), so a drained WAN revived at its old place gets its
 * old buckets back.
 */
export function assignBuckets(wans: readonly Wan[], counts: readonly number[], denominator: number, sameDenominator: boolean, order: readonly number[]): number[][] {
	const result: number[][] = wans.map(() => []);
	const taken = new Set<number>();
	if (sameDenominator) {
		wans.forEach((wan, index) => {
			for (const remainder of wan.remainders) {
				if (result[index].length >= counts[index] || taken.has(remainder) || remainder >= denominator) continue;
				result[index].push(remainder);
				taken.add(remainder);
			}
		});
	}
	let next = 0;
	order.forEach(index => {
		while (result[index].length < counts[index]) {
			while (taken.has(next)) next++;
			result[index].push(next);
			taken.add(next);
		}
		result[index].sort((a, b) => a - b);
	});
	return result;
}
