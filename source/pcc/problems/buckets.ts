import {matcherValues, type ReachedRule} from '../chains.js';
import {ruleMatchers} from '../matchers.js';
import {classifierError, classifierFor} from '../classifier.js';
import {maxEnumeratedDenominator, type PccGroup, type PccRule} from '../groups.js';
import {distinctiveWords, wansNamedIn} from '../names.js';
import {idOf, listOf, valueOf} from '../rows.js';
import type {Problem} from '../types.js';
import type {Analysis} from '../analysis.js';
import type {WanDetail} from '../wans.js';
import {problem} from './problem.js';

function wanOfRule(wans: readonly WanDetail[], rule: PccRule): string | undefined {
	return wans.find(detail => detail.seed.pccRules.some(candidate => candidate.row === rule.row))?.wan.name;
}

export function unassignedBuckets(group: PccGroup | null): Problem[] {
	if (!group || group.denominator > maxEnumeratedDenominator) return [];
	const claimed = new Set(group.rules.flatMap(rule => rule.claims));
	const problems: Problem[] = [];
	for (let remainder = 0; remainder < group.denominator; remainder++) {
		if (claimed.has(remainder)) continue;
		const value = classifierFor(group.hash, group.denominator, remainder);
		problems.push(problem('unassigned-bucket', `${group.denominator}/${remainder}`, 'error',
			`no enabled rule marks bucket ${group.denominator}/${remainder}, so those connections go unmarked to table main; add a mark-connection rule with per-connection-classifier=${value} for one WAN`));
	}
	return problems;
}

export function duplicateBuckets(group: PccGroup | null, wans: readonly WanDetail[]): Problem[] {
	if (!group) return [];
	const owners = new Map<number, Set<string>>();
	for (const rule of group.rules) {
		const wan = wanOfRule(wans, rule) ?? rule.mark;
		for (const remainder of rule.claims) owners.set(remainder, (owners.get(remainder) ?? new Set()).add(wan));
	}
	return [...owners].filter(([, names]) => names.size > 1).sort(([a], [b]) => a - b).map(([remainder, names]) =>
		problem('duplicate-bucket', `${group.denominator}/${remainder}`, 'error',
			`bucket ${group.denominator}/${remainder} is claimed for ${[...names].join(' and ')}; the later rule overrides or never runs, so keep one rule per remainder and remove or renumber the other`));
}

/** connection-state=new (only new) or connection-mark=no-mark, on the rule or a jump to it. */
function guarded(place: ReachedRule): boolean {
	const states = matcherValues(place, 'connection-state');
	const marks = matcherValues(place, 'connection-mark');
	return states.some(value => listOf(value).length > 0 && listOf(value).every(state => state === 'new'))
		|| marks.includes('no-mark');
}

export function unguardedMarking(analysis: Analysis): Problem[] {
	return analysis.allPcc
		.filter(rule => rule.action === 'mark-connection' && rule.places.some(place => !guarded(place)))
		.map(rule => problem('missing-connection-state-new', rule.mark, 'warning',
			`the PCC rule marking ${rule.mark} has neither connection-state=new nor connection-mark=no-mark, so it re-hashes every packet and can move live connections; add connection-state=new`));
}

export function pccOnMarkRouting(analysis: Analysis): Problem[] {
	return analysis.allPcc
		.filter(rule => rule.action === 'mark-routing')
		.map(rule => problem('mark-routing-uses-pcc', rule.mark, 'warning',
			`per-connection-classifier sits on a mark-routing rule for ${rule.mark}: every packet is hashed again and its connections carry no mark to count, pin replies or flush by; mark connections with it (action=mark-connection) and route on connection-mark`));
}

export function invalidClassifiers(analysis: Analysis): Problem[] {
	return analysis.allPcc.flatMap(rule => {
		if (rule.classifier.valid) return [];
		const text = rule.classifier.text;
		const error = classifierError(text) ?? 'invalid value';
		const fix = rule.classifier.remainders.length > 1
			? `write one rule per remainder (${rule.classifier.remainders.map(remainder => `:${rule.classifier.denominator ?? '?'}/${remainder}`).join(', ')})`
			: 'write fields:denominator/remainder, e.g. both-addresses-and-ports:2/0';
		return [problem('invalid-pcc-syntax', text, 'error', `${error}; RouterOS rejects this rule, ${fix}`)];
	});
}

export function contradictingComments(analysis: Analysis, wans: readonly WanDetail[]): Problem[] {
	const words = distinctiveWords(wans.map(({wan}) => ({
		name: wan.name,
		identifiers: [wan.name, wan.routingMark, wan.connectionMark, ...wan.otherConnectionMarks, ...(wan.interface ? [wan.interface] : [])],
	})));
	const problems: Problem[] = [];
	for (const group of [analysis.main, analysis.output]) {
		for (const rule of group?.rules ?? []) {
			const own = wanOfRule(wans, rule)
				?? wans.find(({wan}) => wan.connectionMark === rule.mark || wan.otherConnectionMarks.includes(rule.mark))?.wan.name;
			const named = wansNamedIn(valueOf(rule.row, 'comment'), words);
			if (!own || named.size === 0 || named.has(own)) continue;
			const subject = `${group!.denominator}/${rule.claims[0] ?? rule.classifier.remainders[0] ?? '?'}`;
			problems.push(problem('comment-contradicts-rule', subject, 'warning',
				`the rule for bucket ${subject} is commented "${rule.row.comment}" (${[...named].join(', ')}) but marks ${rule.mark} for ${own}; fix the comment or the mark`));
		}
	}
	return problems;
}

/**
 * A remainder is what is left after dividing by the denominator, so it is always below it:
 * a rule asking for more never matches (or, negated, always does).
 */
export function impossibleRemainders(analysis: Analysis): Problem[] {
	return analysis.allPcc.flatMap(rule => {
		const {classifier} = rule;
		if (!classifier.valid || classifier.remainders[0] < classifier.denominator) return [];
		const {denominator, remainders: [remainder]} = classifier;
		const effect = classifier.negated ? 'matches every connection' : 'never matches';
		return [problem('impossible-remainder', `${denominator}/${remainder}`, 'error',
			`the rule marking ${rule.mark || 'nothing'} asks for remainder ${remainder} of ${denominator}, which no connection has (remainders run 0 to ${denominator - 1}), so it ${effect}; use a remainder from 0 to ${denominator - 1}`)];
	});
}

/** What makes two PCC rules the same rule: chain, action, mark and every matcher, classifier included. */
function pccRuleKey(rule: PccRule): string {
	const matchers = ruleMatchers(rule.row).map(([name, value]) => `${name}=${value}`).sort();
	return [rule.row.chain ?? '', rule.action, rule.mark, ...matchers].join('\0');
}

/** Two enabled rules that match the same packets and set the same mark: the second adds nothing. */
export function duplicatePccRules(analysis: Analysis): Problem[] {
	const first = new Map<string, PccRule>();
	const problems: Problem[] = [];
	for (const rule of analysis.allPcc) {
		const key = pccRuleKey(rule);
		const earlier = first.get(key);
		if (earlier?.row === rule.row) continue;
		if (!earlier) {
			first.set(key, rule);
			continue;
		}
		const {classifier} = rule;
		const subject = classifier.valid ? `${classifier.denominator}/${classifier.remainders[0]}` : classifier.text;
		problems.push(problem('duplicate-pcc-rule', subject, 'warning',
			`two enabled rules mark ${subject} as ${rule.mark} with the same matchers (${idOf(earlier.row) || 'one'} and ${idOf(rule.row) || 'another'}), so the second changes nothing and a weight change has to keep both in step; remove it`));
	}
	return problems;
}
