import {isClassifierRule, ruleAttributes, undoSteps, type RuleStep} from '../pcc/rule-steps.js';
import {idOf} from '../pcc/rows.js';
import type {Row} from '../pcc/types.js';
import type {RouterApi} from '../routeros/types.js';

const manglePath = '/ip/firewall/mangle';

/**
 * The PCC rules as they were, and where: enough to put them back exactly. `order` is every
 * mangle id in router order, so a removed rule can go back before the rule it preceded.
 */
export interface RuleSnapshot {
	rules: Row[];
	order: string[];
}

export function snapshotRules(mangle: readonly Row[]): RuleSnapshot {
	return {rules: mangle.filter(isClassifierRule).map(row => ({...row})), order: mangle.map(idOf)};
}

/** The mangle table as the snapshot saw it; rules other than PCC ones only by id (their place). */
export function snapshotTable(snapshot: RuleSnapshot): Row[] {
	const rules = new Map(snapshot.rules.map(row => [idOf(row), row]));
	return snapshot.order.map(id => rules.get(id) ?? {'.id': id});
}

/** Human-readable differences between two rule lists, ignoring ids and counters. */
export function ruleDifferences(expected: readonly Row[], actual: readonly Row[]): string[] {
	const differences: string[] = [];
	if (expected.length !== actual.length) {
		differences.push(`expected ${expected.length} PCC rules, found ${actual.length}`);
	}
	for (let index = 0; index < Math.min(expected.length, actual.length); index++) {
		const want = ruleAttributes(expected[index]);
		const have = ruleAttributes(actual[index]);
		for (const name of new Set([...Object.keys(want), ...Object.keys(have)])) {
			if (want[name] !== have[name]) {
				differences.push(`rule ${index + 1} (${idOf(actual[index])}): ${name} is ${have[name] ?? '(unset)'}, expected ${want[name] ?? '(unset)'}`);
			}
		}
	}
	return differences;
}

/**
 * Sends steps in order, one at a time: each must have landed before the next, since the
 * order is what keeps every bucket claimed. A failure says after how many steps it came.
 */
export async function runSteps(
	router: RouterApi,
	steps: readonly RuleStep[],
	onStep?: (step: RuleStep, index: number) => void,
): Promise<void> {
	const addedBy = new Map<number, string>();
	for (const [index, step] of steps.entries()) {
		try {
			switch (step.kind) {
				case 'add': {
					const before = step.beforeStep === undefined ? step.before : addedBy.get(step.beforeStep);
					addedBy.set(index, await router.add(manglePath, before ? {...step.attributes, 'place-before': before} : step.attributes));
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
			throw new StepFailure(error, index);
		}
		onStep?.(step, index);
	}
}

/** A step that failed, after `index` steps had landed. */
export class StepFailure extends Error {
	constructor(
		readonly error: unknown,
		readonly index: number,
	) {
		super(error instanceof Error ? error.message : String(error));
		this.name = 'StepFailure';
	}
}

export async function readMangle(router: RouterApi): Promise<Row[]> {
	return router.print(manglePath);
}

/** Most passes undo needs: the planner's undo takes two (see undoSteps); one spare. */
const maxRestorePasses = 3;

/**
 * Puts the PCC rules back as the snapshot holds them, each pass planned from a fresh read
 * (never from what was meant to happen, which a failure or a dropped link makes unknowable).
 * Returns what still differs afterwards, and the rules read last.
 */
export async function restoreSnapshot(router: RouterApi, snapshot: RuleSnapshot): Promise<{differences: string[]; rules: Row[]}> {
	const before = snapshotTable(snapshot);
	let current = await readMangle(router);
	for (let pass = 0; pass < maxRestorePasses; pass++) {
		const steps = undoSteps(before, current);
		if (steps.length === 0) break;
		await runSteps(router, steps);
		current = await readMangle(router);
	}
	const rules = current.filter(isClassifierRule);
	return {differences: ruleDifferences(snapshot.rules, rules), rules};
}
