import {matcherValues, walkChain} from './chains.js';
import {classifierFor, parseClassifier} from './classifier.js';
import {identifierWords} from './names.js';
import {idOf, isEnabled, valueOf} from './rows.js';
import {ruleAttributes, type RuleStep} from './rule-steps.js';
import type {HashFields, Row, Topology, Wan} from './types.js';
import {roundShare} from './wans.js';

/** A request the plan cannot honour, said in one line. */
export class WeightError extends Error {
	override name = 'WeightError';
}

/** One rule per bucket: past this many the chain gets long for no gain in precision. */
const maxBuckets = 64;

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
	/** In the order they must be sent, each after the previous has landed. */
	steps: RuleStep[];
	/** The classifier rules before and after: ` ` kept, `-` removed, `+` added. */
	diff: string[];
	notes: string[];
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

/**
 * Buckets per WAN. With an unchanged denominator each WAN keeps what it can of its own
 * buckets (fewer rules change); otherwise each WAN gets a contiguous run, in the order its
 * rules stand in the table (`order`), so a drained WAN revived at its old place gets its
 * old buckets back.
 */
function assign(wans: readonly Wan[], counts: readonly number[], denominator: number, sameDenominator: boolean, order: readonly number[]): number[][] {
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

/** Where a rule's comment names its bucket (`3/1`), the new bucket takes its place. */
function renumberComment(comment: string | undefined, from: string, to: string): string | undefined {
	if (comment === undefined) return undefined;
	const escaped = from.replace('/', '\\/');
	return comment.replace(new RegExp(`(^|[^0-9])${escaped}(?![0-9])`, 'g'), `$1${to}`);
}

/**
 * A comment borrowed from another WAN's rule names that WAN (`PCC LAN->WAN2`); the words that
 * name it are swapped for the new WAN's (`PCC LAN->WAN1`), keeping upper case where it was.
 */
function retargetComment(comment: string | undefined, from: Wan, to: Wan): string | undefined {
	if (comment === undefined || from === to) return comment;
	const swaps = new Map<string, string>();
	const pairs: Array<[string | null, string | null]> = [
		[from.name, to.name], [from.routingMark, to.routingMark], [from.connectionMark, to.connectionMark], [from.interface, to.interface],
	];
	for (const [a, b] of pairs) {
		const fromWords = identifierWords(a ?? '');
		const toWords = identifierWords(b ?? '');
		if (fromWords.length !== toWords.length) continue;
		fromWords.forEach((word, index) => {
			if (!swaps.has(word)) swaps.set(word, toWords[index]);
		});
	}
	return comment.replace(/[A-Za-z0-9]+/g, word => {
		const swap = swaps.get(word.toLowerCase());
		if (swap === undefined) return word;
		return word === word.toUpperCase() ? swap.toUpperCase() : swap;
	});
}

/** `prerouting both-addresses:2/0 -> wan1_conn  "comment"`: a classifier rule on one line. */
export function ruleLine(rule: Readonly<Record<string, string>>): string {
	const mark = rule['new-connection-mark'] ?? rule['new-routing-mark'] ?? '?';
	const comment = rule.comment ? `  "${rule.comment}"` : '';
	return `${rule.chain} ${rule['per-connection-classifier']} -> ${mark}${comment}`;
}

function describeRule(sign: string, attributes: Readonly<Record<string, string>>): string {
	return `${sign} ${ruleLine(attributes)}`;
}

/**
 * The exact rule changes that give each WAN its weight's share of buckets.
 *
 * Why this order keeps every bucket claimed and never marks a connection twice:
 * RouterOS applies one command at a time, so between commands the old and the new rule sets
 * are both partly there; with a new denominator their buckets cut the hash space
 * differently and overlap. Overlap is harmless when every rule involved carries
 * connection-mark=no-mark: the first rule to match marks the connection and every later
 * one skips it. Gaps are not: an unclaimed bucket sends new connections unmarked to main.
 *   1. Old rules that will go get the guard first, if they lack it. One `set` each: the
 *      rule keeps its bucket, the old set stays complete and its buckets stay disjoint.
 *   2. New rules are added, enabled and guarded, each next to its WAN's current rules (so
 *      a WAN's mark-routing rule still follows its mark-connection rules). The old set is
 *      complete throughout, so nothing is unclaimed; whichever rule matches first marks.
 *   3. Old rules are removed. The new set is complete now, so a removed rule's connections
 *      fall to it.
 * Adding them disabled and enabling them later would buy nothing: with the guard an
 * enabled new rule is already safe, and each extra command is one more moment to fail in.
 * Rules that keep their bucket and WAN (same denominator) are left alone.
 */
export function planWeights(topology: Topology, mangle: readonly Row[], weights: Readonly<Record<string, number>>): WeightPlan {
	const {hash, denominator: previous} = topology;
	if (!hash || !previous) throw new WeightError('this router has no PCC rules to reweight');
	const wans = topology.wans;
	const unknown = Object.keys(weights).filter(name => !wans.some(wan => wan.name === name));
	if (unknown.length > 0) throw new WeightError(`no WAN "${unknown[0]}"; the WANs are ${wans.map(wan => wan.name).join(', ')}`);
	const counts0 = wans.map(wan => weights[wan.name] ?? wan.remainders.length);
	if (counts0.some(weight => !Number.isInteger(weight) || weight < 0)) throw new WeightError('weights must be whole numbers, 0 or more');
	if (counts0.every(weight => weight === 0)) throw new WeightError('at least one WAN needs a weight above 0');
	const divisor = counts0.reduce((a, b) => gcd(a, b));
	const counts = counts0.map(weight => weight / divisor);
	const denominator = counts.reduce((a, b) => a + b, 0);
	if (denominator > maxBuckets) throw new WeightError(`those weights need ${denominator} buckets (one rule each); keep their sum, divided by their common divisor, at most ${maxBuckets}`);
	wans.forEach((wan, index) => {
		if (counts[index] > 0 && !wan.connectionMark && !wan.routingMark) throw new WeightError(`${wan.name} has no mark to give buckets to`);
	});
	const place = (wan: Wan): number => {
		const index = mangle.findIndex(row => wan.pccRuleIds.includes(idOf(row)));
		return index < 0 ? Number.POSITIVE_INFINITY : index;
	};
	const order = wans.map((wan, index) => ({index, at: place(wan)})).sort((a, b) => a.at - b.at || a.index - b.index).map(({index}) => index);
	const assigned = assign(wans, counts, denominator, denominator === previous, order);

	const groupRows = mangle.filter(row => wans.some(wan => wan.pccRuleIds.includes(idOf(row))));
	if (groupRows.length === 0) throw new WeightError('the PCC rules have no ids to change; read them from the router first');
	const wanOf = (row: Row): number => wans.findIndex(wan => wan.pccRuleIds.includes(idOf(row)));
	const reached = walkChain(mangle, 'prerouting');
	const guarded = (row: Row): boolean => reached.some(place => place.row === row
		&& matcherValues(place, 'connection-mark').includes('no-mark'));

	// Rules that already hold a bucket of the new plan for their own WAN stay as they are.
	const kept = new Set<Row>();
	const covered = wans.map(() => new Set<number>());
	// A WAN drained to 0 keeps one rule of its own, disabled (it claims nothing): discovery
	// still finds the WAN by it (it is still routed and carries connections), and reviving
	// the WAN clones that rule, so it comes back with its own matchers, comment and place.
	// Removing every rule would make the WAN vanish and leave only another WAN's rule to clone.
	const parked = new Set<Row>();
	wans.forEach((_, index) => {
		if (counts[index] > 0) return;
		const own = groupRows.filter(row => wanOf(row) === index);
		const disabled = own.filter(row => !isEnabled(row));
		if (disabled.length > 0) for (const row of disabled) kept.add(row);
		else if (own[0]) parked.add(own[0]);
	});
	for (const row of groupRows) {
		if (!isEnabled(row)) continue;
		const parsed = parseClassifier(valueOf(row, 'per-connection-classifier') ?? '');
		const index = wanOf(row);
		if (!parsed.valid || parsed.negated || parsed.denominator !== denominator || parsed.hash !== hash) continue;
		const remainder = parsed.remainders[0];
		if (!assigned[index].includes(remainder) || covered[index].has(remainder)) continue;
		kept.add(row);
		covered[index].add(remainder);
	}
	const leaving = groupRows.filter(row => !kept.has(row));

	const notes = ['Only new connections follow the new weights; existing ones keep their WAN until they close or are flushed.'];
	if (topology.outputGroup) notes.push('The output-chain classifier (the router\'s own traffic) is left as it is.');
	const steps: RuleStep[] = [];
	for (const row of groupRows) {
		const mark = valueOf(row, 'connection-mark');
		if (mark && mark !== 'no-mark') throw new WeightError(`rule ${idOf(row)} only takes connections marked ${mark}; change its weights by hand`);
	}
	for (const row of leaving) {
		if (isEnabled(row) && !guarded(row)) steps.push({kind: 'set', id: idOf(row), attributes: {'connection-mark': 'no-mark'}});
	}
	let guardAdded = false;

	const lastRow = groupRows[groupRows.length - 1];
	const successor = (row: Row): string | undefined => {
		const index = mangle.indexOf(row);
		return index >= 0 && index + 1 < mangle.length ? idOf(mangle[index + 1]) : undefined;
	};
	const additions = new Map<string | undefined, Array<Record<string, string>>>();
	wans.forEach((wan, index) => {
		const own = groupRows.filter(row => wanOf(row) === index);
		const template = own[0] ?? groupRows[0];
		const anchor = own.length > 0 ? own[own.length - 1] : lastRow;
		const before = successor(anchor);
		const templateClassifier = parseClassifier(valueOf(template, 'per-connection-classifier') ?? '');
		const templateBucket = `${templateClassifier.denominator ?? ''}/${templateClassifier.remainders[0] ?? ''}`;
		for (const remainder of assigned[index]) {
			if (covered[index].has(remainder)) continue;
			const attributes: Record<string, string> = {...ruleAttributes(template)};
			delete attributes.disabled;
			attributes['per-connection-classifier'] = classifierFor(hash, denominator, remainder);
			if (template.action === 'mark-routing') attributes['new-routing-mark'] = wan.routingMark;
			else attributes['new-connection-mark'] = wan.connectionMark;
			const templateWan = wans[wanOf(template)] ?? wan;
			const comment = retargetComment(renumberComment(valueOf(template, 'comment'), templateBucket, `${denominator}/${remainder}`), templateWan, wan);
			if (comment !== undefined) attributes.comment = comment;
			// Any old rule it overlaps may come first or later in the chain: only the guard on
			// both keeps the connection from being marked twice.
			if (!guarded(template)) {
				attributes['connection-mark'] = 'no-mark';
				guardAdded = true;
			}
			const list = additions.get(before) ?? [];
			list.push(attributes);
			additions.set(before, list);
		}
	});
	for (const [before, list] of additions) {
		for (const attributes of list) steps.push(before === undefined ? {kind: 'add', attributes} : {kind: 'add', attributes, before});
	}
	for (const row of leaving) {
		if (!parked.has(row)) {
			steps.push({kind: 'remove', id: idOf(row)});
			continue;
		}
		steps.push({kind: 'set', id: idOf(row), attributes: {disabled: 'yes'}});
		// The guard was only there for the change; the parked rule keeps its own attributes.
		if (!guarded(row)) steps.push({kind: 'unset', id: idOf(row), names: ['connection-mark']});
	}
	if (guardAdded) {
		notes.push('The new rules carry connection-mark=no-mark, so a connection another rule already marked is left alone; while old and new rules overlap this is what stops a connection being marked twice.');
	}
	if (additions.size === 0 && leaving.length === 0) {
		return {hash, denominator, previousDenominator: previous, wans: summary(), steps: [], diff: groupRows.map(row => describeRule(' ', ruleAttributes(row))), notes: ['The rules already give these weights; nothing to change.']};
	}

	// The diff walks the table in order, showing new rules where they will land.
	const diff: string[] = [];
	for (const row of mangle) {
		for (const attributes of additions.get(idOf(row)) ?? []) diff.push(describeRule('+', attributes));
		if (!groupRows.includes(row)) continue;
		const line = describeRule(kept.has(row) ? ' ' : '-', ruleAttributes(row));
		diff.push(parked.has(row) ? `${line}  (kept disabled)` : line);
	}
	for (const attributes of additions.get(undefined) ?? []) diff.push(describeRule('+', attributes));
	return {hash, denominator, previousDenominator: previous, wans: summary(), steps, diff, notes};

	function summary(): PlannedWan[] {
		return wans.map((wan, index) => ({
			name: wan.name,
			weight: counts0[index],
			remainders: assigned[index],
			share: roundShare(assigned[index].length / denominator),
			previousRemainders: wan.remainders,
			previousShare: wan.share,
		}));
	}
}
