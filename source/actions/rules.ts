import {idOf, valueOf} from '../pcc/rows.js';
import type {Row} from '../pcc/types.js';
import type {RouterApi} from '../routeros/types.js';

export const manglePath = '/ip/firewall/mangle';

/**
 * The PCC rules as they were, and where: enough to put them back exactly. `order` is every
 * mangle id in router order, so a removed rule can go back before the rule it preceded.
 */
export interface RuleSnapshot {
	rules: Row[];
	order: string[];
}

/**
 * One change to a mangle rule, as sent. An added rule goes ahead of the rule `before`
 * names, or of the rule an earlier add step (`beforeStep`, its index) created.
 */
export type RuleStep =
	| {kind: 'add'; attributes: Record<string, string>; before?: string; beforeStep?: number}
	| {kind: 'set'; id: string; attributes: Record<string, string>}
	| {kind: 'unset'; id: string; names: string[]}
	| {kind: 'remove'; id: string};

/** Properties the router shows but nobody sets: ids, counters, status flags. */
const shownOnly = new Set(['bytes', 'packets', 'dynamic', 'invalid']);

export function isSettable(name: string): boolean {
	return !name.startsWith('.') && !shownOnly.has(name);
}

/** A rule's settable properties, with defaults and empty values left out, for comparing. */
export function settable(row: Row): Record<string, string> {
	return Object.fromEntries(
		Object.entries(row).filter(([name, value]) => isSettable(name) && value !== ''
			&& !(name === 'disabled' && (value === 'false' || value === 'no'))),
	);
}

export function isPccRule(row: Row): boolean {
	return valueOf(row, 'per-connection-classifier') !== undefined;
}

export function snapshotRules(mangle: readonly Row[]): RuleSnapshot {
	return {rules: mangle.filter(isPccRule).map(row => ({...row})), order: mangle.map(idOf)};
}

/** Human-readable differences between two rule lists, ignoring ids and counters. */
export function ruleDifferences(expected: readonly Row[], actual: readonly Row[]): string[] {
	const differences: string[] = [];
	if (expected.length !== actual.length) {
		differences.push(`expected ${expected.length} PCC rules, found ${actual.length}`);
	}
	for (let index = 0; index < Math.min(expected.length, actual.length); index++) {
		const want = settable(expected[index]);
		const have = settable(actual[index]);
		for (const name of new Set([...Object.keys(want), ...Object.keys(have)])) {
			if (want[name] !== have[name]) {
				differences.push(`rule ${index + 1} (${idOf(actual[index])}): ${name} is ${have[name] ?? '(unset)'}, expected ${want[name] ?? '(unset)'}`);
			}
		}
	}
	return differences;
}

/**
 * The steps that bring the PCC rules back to a snapshot, computed from what the router holds
 * now (never from what was meant to happen, which a dropped link makes unknowable):
 * put back removed rules at their old places, set changed ones back, then remove rules that
 * were not there before. `added` names the rules an interrupted change created; rules absent
 * from the snapshot's order that carry a classifier count as added too.
 */
export function restoreSteps(snapshot: RuleSnapshot, current: readonly Row[], added: ReadonlySet<string> = new Set()): RuleStep[] {
	const present = new Map(current.map(row => [idOf(row), row]));
	const known = new Set(snapshot.order);
	const steps: RuleStep[] = [];

	// Last first, so a rule's successor is back before the rule is placed ahead of it.
	const readded = new Map<string, number>();
	const missing = snapshot.rules.filter(rule => !present.has(idOf(rule))).reverse();
	for (const rule of missing) {
		const position = snapshot.order.indexOf(idOf(rule));
		const next = snapshot.order.slice(position + 1).find(id => present.has(id) || readded.has(id));
		const beforeStep = next === undefined ? undefined : readded.get(next);
		readded.set(idOf(rule), steps.length);
		steps.push(beforeStep === undefined
			? {kind: 'add', attributes: settable(rule), before: next}
			: {kind: 'add', attributes: settable(rule), beforeStep});
	}

	for (const rule of snapshot.rules) {
		const now = present.get(idOf(rule));
		if (!now) continue;
		const want = settable(rule);
		const have = settable(now);
		const changed = Object.fromEntries(Object.entries(want).filter(([name, value]) => have[name] !== value));
		const cleared = Object.keys(have).filter(name => !(name in want));
		if (Object.keys(changed).length > 0) steps.push({kind: 'set', id: idOf(rule), attributes: changed});
		if (cleared.length > 0) steps.push({kind: 'unset', id: idOf(rule), names: cleared});
	}

	for (const row of current) {
		const id = idOf(row);
		if (added.has(id) || (!known.has(id) && isPccRule(row))) steps.push({kind: 'remove', id});
	}
	return steps;
}

/**
 * Sends steps in order, one at a time: each must have landed before the next, since the
 * order is what keeps every bucket claimed. Returns the ids of the rules it added; on a
 * failure the error carries them too, so a rollback can remove them.
 */
export async function runSteps(
	router: RouterApi,
	steps: readonly RuleStep[],
	onStep?: (step: RuleStep, index: number) => void,
): Promise<string[]> {
	const added: string[] = [];
	const addedBy = new Map<number, string>();
	for (const [index, step] of steps.entries()) {
		try {
			switch (step.kind) {
				case 'add': {
					const before = step.beforeStep === undefined ? step.before : addedBy.get(step.beforeStep);
					const id = await router.add(manglePath, before ? {...step.attributes, 'place-before': before} : step.attributes);
					added.push(id);
					addedBy.set(index, id);
					break;
				}
				case 'set':
					await router.set(manglePath, step.id, step.attributes);
					break;
				case 'unset':
					for (const name of step.names) await router.run(`${manglePath}/unset`, {numbers: step.id, 'value-name': name});
					break;
				case 'remove':
					await router.remove(manglePath, [step.id]);
					break;
			}
		} catch (error) {
			throw new StepFailure(error, index, [...added]);
		}
		onStep?.(step, index);
	}
	return added;
}

/** A step that failed, after `index` steps had landed and `added` rules had been created. */
export class StepFailure extends Error {
	constructor(
		readonly error: unknown,
		readonly index: number,
		readonly added: string[],
	) {
		super(error instanceof Error ? error.message : String(error));
		this.name = 'StepFailure';
	}
}

export async function readMangle(router: RouterApi): Promise<Row[]> {
	return router.print(manglePath);
}
