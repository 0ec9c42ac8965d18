import type {RuleStep} from './rule-steps.js';
import type {HashFields, Row, Topology} from './types.js';
import {assignBuckets, bucketCounts, tableOrder} from './weight-buckets.js';
import {WeightError} from './weight-error.js';
import {ruleChanges} from './weight-rules.js';
import {nothingToChange, planDiff, planNotes, unchangedDiff} from './weight-text.js';
import {roundShare} from './wans.js';

export interface PlannedWan {
	name: string;
	weight: number;
	remainders: number[];
	share: number;
	previousRemainders: number[];
	previousShare: number;
}

export interface WeightPlan {
	hash: HashFields;
	denominator: number;
	previousDenominator: number;
	wans: PlannedWan[];
	/** In the order they must be sent, each after the previous has landed (see ruleChanges). */
	steps: RuleStep[];
	/** The classifier rules before and after: ` ` kept, `-` removed, `+` added. */
	diff: string[];
	notes: string[];
}

/**
 * The plan that gives each WAN its weight's share of buckets: the weights checked and
 * reduced (weight-buckets), buckets assigned, the rule changes in a safe order
 * (weight-rules), and what the user is shown (weight-text).
 */
export function planWeights(topology: Topology, mangle: readonly Row[], weights: Readonly<Record<string, number>>): WeightPlan {
	const {hash, denominator: previous, wans} = topology;
	if (!hash || !previous) throw new WeightError('this router has no PCC rules to reweight');
	const {weights: asked, counts, denominator} = bucketCounts(topology, weights);
	const assigned = assignBuckets(wans, counts, denominator, denominator === previous, tableOrder(wans, mangle));
	const changes = ruleChanges(wans, mangle, {hash, denominator, counts, assigned});
	const planned = wans.map((wan, index): PlannedWan => ({
		name: wan.name,
		weight: asked[index],
		remainders: assigned[index],
		share: roundShare(assigned[index].length / denominator),
		previousRemainders: wan.remainders,
		previousShare: wan.share,
	}));
	const base = {hash, denominator, previousDenominator: previous, wans: planned};
	if (changes.additions.size === 0 && changes.leaving.length === 0) {
		return {...base, steps: [], diff: unchangedDiff(changes.groupRows), notes: [nothingToChange]};
	}
	return {...base, steps: changes.steps, diff: planDiff(mangle, changes), notes: planNotes(topology, changes)};
}
