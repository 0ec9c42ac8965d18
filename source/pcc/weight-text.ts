import {idOf} from './rows.js';
import {ruleAttributes} from './rule-steps.js';
import type {Row, Topology} from './types.js';
import type {RuleChanges} from './weight-rules.js';

/** `prerouting both-addresses:2/0 -> wan1_conn  "comment"`: a classifier rule on one line. */
export function ruleLine(rule: Readonly<Record<string, string>>): string {
	const mark = rule['new-connection-mark'] ?? rule['new-routing-mark'] ?? '?';
	const comment = rule.comment ? `  "${rule.comment}"` : '';
	return `${rule.chain} ${rule['per-connection-classifier']} -> ${mark}${comment}`;
}

function describeRule(sign: string, attributes: Readonly<Record<string, string>>): string {
	return `${sign} ${ruleLine(attributes)}`;
}

/** The classifier rules as they stand, unchanged: for a plan with nothing to do. */
export function unchangedDiff(groupRows: readonly Row[]): string[] {
	return groupRows.map(row => describeRule(' ', ruleAttributes(row)));
}

/** The classifier rules before and after, walking the table in order: ` ` kept, `-` removed, `+` added where it will land. */
export function planDiff(mangle: readonly Row[], changes: RuleChanges): string[] {
	const diff: string[] = [];
	for (const row of mangle) {
		for (const attributes of changes.additions.get(idOf(row)) ?? []) diff.push(describeRule('+', attributes));
		if (!changes.groupRows.includes(row)) continue;
		const line = describeRule(changes.kept.has(row) ? ' ' : '-', ruleAttributes(row));
		diff.push(changes.parked.has(row) ? `${line}  (kept disabled)` : line);
	}
	for (const attributes of changes.additions.get(undefined) ?? []) diff.push(describeRule('+', attributes));
	return diff;
}

export const nothingToChange = 'The rules already give these weights; nothing to change.';

/** What a user should know before applying: who follows, what is left alone, why the guard. */
export function planNotes(topology: Topology, changes: RuleChanges): string[] {
	const notes = ['Only new connections follow the new weights; existing ones keep their WAN until they close or are flushed.'];
	if (topology.outputGroup) notes.push('The output-chain classifier (the router\'s own traffic) is left as it is.');
	if (changes.guardAdded) {
		notes.push('The new rules carry connection-mark=no-mark, so a connection another rule already marked is left alone; while old and new rules overlap this is what stops a connection being marked twice.');
	}
	return notes;
}
