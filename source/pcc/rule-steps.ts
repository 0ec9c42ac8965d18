import {idOf, valueOf} from './rows.js';
import type {Row} from './types.js';

/**
 * One change to a mangle rule, as the actions layer sends it. An added rule goes ahead of
 * the rule `before` names, or of the rule an earlier add step (`beforeStep`, its index)
 * created; neither means the end of the table. Same shape as source/actions RuleStep.
 */
export type RuleStep =
	| {kind: 'add'; attributes: Record<string, string>; before?: string; beforeStep?: number}
	| {kind: 'set'; id: string; attributes: Record<string, string>}
	| {kind: 'unset'; id: string; names: string[]}
	| {kind: 'remove'; id: string};

/** Properties the router shows but nobody sets: ids, counters, status flags. */
const shownOnly = new Set(['bytes', 'packets', 'dynamic', 'invalid']);

/** What `add` needs to recreate the rule: settable properties, defaults and blanks left out. */
export function ruleAttributes(row: Row): Record<string, string> {
	return Object.fromEntries(Object.entries(row).filter(([name, value]) => !name.startsWith('.') && !shownOnly.has(name)
		&& value !== '' && !(name === 'disabled' && (value === 'false' || value === 'no'))));
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
	const names = new Set([...Object.keys(a), ...Object.keys(b)]);
	return [...names].every(name => a[name] === b[name]);
}

export function isClassifierRule(row: Row): boolean {
	return valueOf(row, 'per-connection-classifier') !== undefined;
}

/**
 * The steps that put the classifier rules back as they were in `before`, from what the
 * router holds now. Rules are matched by id, then by content (a re-added rule has a new id).
 *
 * Safety while it runs, same reasoning as the forward plan: a rule of the old set may lack
 * the connection-mark=no-mark guard, and re-adding it while a guarded newer rule that
 * overlaps it is still enabled would let both mark one connection (the newer marks, the old
 * re-marks). So while newer rules still have to go, missing old rules come back *with* the
 * guard, at their old place; then the newer rules go (the old set is complete again); and a
 * second call, on the rows read back, finds those guarded copies and unsets the guard, when
 * nothing overlaps them any more. Call until it returns no steps: at most two passes.
 */
export function undoSteps(before: readonly Row[], current: readonly Row[]): RuleStep[] {
	const wanted = before.filter(isClassifierRule);
	const present = current.filter(isClassifierRule);
	const unmatched = new Set(present);
	const matched = new Map<Row, Row>();
	const guardedCopies = new Map<Row, Row>();
	const take = (predicate: (want: Row, have: Row) => boolean, into: Map<Row, Row>): void => {
		for (const want of wanted) {
			if (matched.has(want) || guardedCopies.has(want)) continue;
			const have = [...unmatched].find(candidate => predicate(want, candidate));
			if (have) {
				unmatched.delete(have);
				into.set(want, have);
			}
		}
	};
	const attributes = (row: Row): Record<string, string> => ruleAttributes(row);
	take((want, have) => idOf(want) === idOf(have) && sameAttributes(attributes(want), attributes(have)), matched);
	take((want, have) => sameAttributes(attributes(want), attributes(have)), matched);
	take((want, have) => !valueOf(want, 'connection-mark')
		&& sameAttributes({...attributes(want), 'connection-mark': 'no-mark'}, attributes(have)), guardedCopies);

	const leaving = [...unmatched];
	const steps: RuleStep[] = [];
	const missing = wanted.filter(row => !matched.has(row) && !guardedCopies.has(row));
	const presentIds = new Set(current.map(idOf));
	const stepOf = new Map<string, number>();
	const order = before.map(idOf);
	// Last first, so a rule's successor is already back when the rule is placed ahead of it.
	for (const row of [...missing].reverse()) {
		const next = order.slice(order.indexOf(idOf(row)) + 1).find(id => presentIds.has(id) || stepOf.has(id));
		const guard: Record<string, string> = leaving.length > 0 && !valueOf(row, 'connection-mark') ? {'connection-mark': 'no-mark'} : {};
		const added = {...attributes(row), ...guard};
		stepOf.set(idOf(row), steps.length);
		if (next !== undefined && stepOf.has(next)) steps.push({kind: 'add', attributes: added, beforeStep: stepOf.get(next)});
		else if (next !== undefined) steps.push({kind: 'add', attributes: added, before: next});
		else steps.push({kind: 'add', attributes: added});
	}
	for (const row of leaving) steps.push({kind: 'remove', id: idOf(row)});
	for (const have of guardedCopies.values()) steps.push({kind: 'unset', id: idOf(have), names: ['connection-mark']});
	return steps;
}
