import {matcherValues, walkChain} from './chains.js';
import {classifierFor, parseClassifier} from './classifier.js';
import {idOf, isEnabled, valueOf} from './rows.js';
import {ruleAttributes, type RuleStep} from './rule-steps.js';
import type {HashFields, Row, Wan} from './types.js';
import {renumberComment, retargetComment} from './weight-comments.js';
import {WeightError} from './weight-error.js';

/** What a weights change does to the classifier rules, and the steps that do it. */
export interface RuleChanges {
	/** The WANs' classifier rules, in table order. */
	groupRows: Row[];
	/** Rules that already hold a bucket of the new plan for their own WAN: left alone. */
	kept: Set<Row>;
	/** A drained WAN's one rule, kept disabled. */
	parked: Set<Row>;
	/** Rules removed (or parked). */
	leaving: Row[];
	/** New rules, by the id of the rule they go ahead of (undefined: the end of the table). */
	additions: Map<string | undefined, Array<Record<string, string>>>;
	/** In the order they must be sent, each after the previous has landed. */
	steps: RuleStep[];
	/** New rules carry the connection-mark=no-mark guard their template lacked. */
	guardAdded: boolean;
}

export interface BucketPlan {
	hash: HashFields;
	denominator: number;
	/** Buckets per WAN, in topology.wans order. */
	counts: readonly number[];
	/** The remainders each WAN gets, in topology.wans order. */
	assigned: readonly number[][];
}

/**
 * The exact rule changes that give each WAN its assigned buckets.
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
export function ruleChanges(wans: readonly Wan[], mangle: readonly Row[], plan: BucketPlan): RuleChanges {
	const {hash, denominator, counts, assigned} = plan;
	const groupRows = mangle.filter(row => wans.some(wan => wan.pccRuleIds.includes(idOf(row))));
	if (groupRows.length === 0) throw new WeightError('the PCC rules have no ids to change; read them from the router first');
	for (const row of groupRows) {
		const mark = valueOf(row, 'connection-mark');
		if (mark && mark !== 'no-mark') throw new WeightError(`rule ${idOf(row)} only takes connections marked ${mark}; change its weights by hand`);
	}
	const wanOf = (row: Row): number => wans.findIndex(wan => wan.pccRuleIds.includes(idOf(row)));
	const reached = walkChain(mangle, 'prerouting');
	const guarded = (row: Row): boolean => reached.some(place => place.row === row
		&& matcherValues(place, 'connection-mark').includes('no-mark'));

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

	const steps: RuleStep[] = [];
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
	return {groupRows, kept, parked, leaving, additions, steps, guardAdded};
}
