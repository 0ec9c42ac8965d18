import {discover} from '../pcc/discover.js';
import type {Row, RouterConfig, Topology} from '../pcc/types.js';
import type {RouterApi} from '../routeros/types.js';
import {errorText, isLinkFailure} from './failures.js';
import {isClassifierRule} from '../pcc/rule-steps.js';
import type {WeightPlan} from '../pcc/weights.js';
import type {ActionSession} from './session.js';
import {readMangle, restoreSnapshot, ruleDifferences, runSteps, snapshotRules, StepFailure, type RuleSnapshot} from './rules.js';

type WeightsResult = 'ok' | 'partial' | 'rolled-back' | 'failed' | 'unknown';

export interface WeightsOutcome {
	result: WeightsResult;
	/** One line: what happened. */
	message: string;
	/** Where the rules differ from what was asked (or, after a rollback, from before). */
	differences: string[];
	before: RuleSnapshot;
	/** The PCC rules as re-read at the end; null when they could not be read. */
	after: Row[] | null;
	topology: Topology | null;
}

/** `wan1=2 wan2=1` */
export function weightsText(plan: WeightPlan): string {
	return plan.wans.map(wan => `${wan.name}=${wan.weight}`).join(' ');
}

/**
 * Whether discovery, run on the rules read back, gives every WAN exactly the buckets the
 * plan meant, with every bucket claimed once and the classifiers valid.
 */
function planDifferences(topology: Topology, plan: WeightPlan): string[] {
	const differences: string[] = [];
	if (topology.denominator !== plan.denominator) {
		differences.push(`the denominator reads back as ${topology.denominator ?? 'none'}, expected ${plan.denominator}`);
	}
	for (const planned of plan.wans) {
		const found = [...(topology.wans.find(wan => wan.name === planned.name)?.remainders ?? [])].sort((a, b) => a - b);
		if (found.join(',') !== planned.remainders.join(',')) {
			differences.push(`${planned.name}: buckets ${found.join(',') || 'none'}, expected ${planned.remainders.join(',') || 'none'} (weight ${planned.weight})`);
		}
	}
	for (const problem of topology.problems) {
		if (problem.code === 'unassigned-bucket' || problem.code === 'duplicate-bucket' || problem.code === 'invalid-pcc-syntax') {
			differences.push(problem.message);
		}
	}
	return differences;
}

interface ReadBack {
	config: RouterConfig;
	topology: Topology;
	rules: Row[];
}

async function readBack(context: ActionSession, router: RouterApi): Promise<ReadBack> {
	const config = await context.readConfig(router);
	return {config, topology: discover(config), rules: config.mangle.filter(isClassifierRule)};
}

/** Restores the snapshot (see restoreSnapshot), then reads the router whole to report on it. */
async function restoreRules(context: ActionSession, router: RouterApi, snapshot: RuleSnapshot): Promise<{differences: string[]; read: ReadBack}> {
	const {differences} = await restoreSnapshot(router, snapshot);
	return {differences, read: await readBack(context, router)};
}

/**
 * Carries out a weights change: checks the rules are still those the change was planned
 * from, sends its steps in order, then re-reads and verifies the weights. A step that fails
 * makes it put the rules back as they were. A dropped link stops it: nothing is resent;
 * after reconnecting it reads what the router holds and reports that (rolling back a
 * half-made change).
 */
export async function applyWeights(
	context: ActionSession,
	planned: RouterConfig,
	plan: WeightPlan,
	onStep?: (done: number, total: number) => void,
): Promise<WeightsOutcome> {
	const before = snapshotRules(planned.mangle);
	const base = {before, differences: [] as string[], after: null, topology: null};
	const stale = ruleDifferences(before.rules, (await readMangle(context.router)).filter(isClassifierRule));
	if (stale.length > 0) {
		return {...base, result: 'failed', message: 'the PCC rules changed since the plan was made; nothing was changed, look again and retry', differences: stale};
	}

	try {
		await runSteps(context.router, plan.steps, (_step, index) => onStep?.(index + 1, plan.steps.length));
	} catch (error) {
		if (!(error instanceof StepFailure)) throw error;
		const where = `change ${error.index + 1} of ${plan.steps.length}`;
		if (isLinkFailure(error.error)) return afterDrop(context, before, plan, where, error.message);
		return rollBack(context, context.router, before, `${where} failed (${error.message})`);
	}

	let read: ReadBack;
	try {
		read = await readBack(context, context.router);
	} catch (error) {
		if (!isLinkFailure(error)) throw error;
		return afterDrop(context, before, plan, 'reading the rules back', errorText(error));
	}
	return verified(read, before, plan, '');
}

function verified(read: ReadBack, before: RuleSnapshot, plan: WeightPlan, note: string): WeightsOutcome {
	const differences = planDifferences(read.topology, plan);
	const asked = weightsText(plan);
	return {
		result: differences.length === 0 ? 'ok' : 'partial',
		message: differences.length === 0
			? `weights now ${asked}${note}; only new connections follow them`
			: `weights applied but the router reads back differently (${differences.length} difference${differences.length === 1 ? '' : 's'})${note}`,
		differences,
		before,
		after: read.rules,
		topology: read.topology,
	};
}

async function rollBack(
	context: ActionSession,
	router: RouterApi,
	before: RuleSnapshot,
	why: string,
): Promise<WeightsOutcome> {
	try {
		const {differences, read} = await restoreRules(context, router, before);
		return {
			result: differences.length === 0 ? 'rolled-back' : 'partial',
			message: differences.length === 0
				? `${why}; the rules were put back as they were`
				: `${why}; putting the rules back left ${differences.length} difference(s): check them now`,
			differences,
			before,
			after: read.rules,
			topology: read.topology,
		};
	} catch (error) {
		return {
			result: isLinkFailure(error) ? 'unknown' : 'partial',
			message: `${why}; putting the rules back failed too (${errorText(error)}): check the PCC rules now`,
			differences: [],
			before,
			after: null,
			topology: null,
		};
	}
}

/**
 * The link dropped mid-change. What landed is unknown, so nothing is resent: reconnect,
 * read, and judge from what the router holds: done, untouched, or half-made (rolled back).
 */
async function afterDrop(
	context: ActionSession,
	before: RuleSnapshot,
	plan: WeightPlan,
	where: string,
	reason: string,
): Promise<WeightsOutcome> {
	const dropped = `the connection dropped during ${where} (${reason})`;
	if (!context.reconnect) {
		return {result: 'unknown', message: `${dropped}; the rules may be half-changed: check them now`, differences: [], before, after: null, topology: null};
	}
	let router: RouterApi;
	let read: ReadBack;
	try {
		router = await context.reconnect();
		read = await readBack(context, router);
	} catch (error) {
		return {result: 'unknown', message: `${dropped}; reconnecting failed (${errorText(error)}): check the rules now`, differences: [], before, after: null, topology: null};
	}
	if (planDifferences(read.topology, plan).length === 0) {
		return verified(read, before, plan, ` (${dropped}; after reconnecting the router shows the whole change)`);
	}
	if (ruleDifferences(before.rules, read.rules).length === 0) {
		return {result: 'failed', message: `${dropped}; after reconnecting the rules are unchanged`, differences: [], before, after: read.rules, topology: read.topology};
	}
	// Rules added before the drop, even one whose reply was lost, are found on the re-read.
	return rollBack(context, router, before, `${dropped}; after reconnecting the change was half-made`);
}

type UndoCheck = {ok: true} | {ok: false; message: string};

/**
 * Undo restores the rules recorded before a change, but only over the rules that change
 * left: if someone changed them since, restoring would silently discard that.
 */
export function checkUndo(recordedAfter: readonly Row[], current: readonly Row[]): UndoCheck {
	const differences = ruleDifferences(recordedAfter, current.filter(isClassifierRule));
	if (differences.length === 0) return {ok: true};
	return {ok: false, message: `the PCC rules changed since that change (${differences[0]}); not undoing, nothing was changed`};
}

/**
 * Restores a recorded snapshot; rules the change added are those not in the snapshot. Each
 * pass is planned from a fresh read, so after a dropped link it carries on from what the
 * router holds once reconnected: that is reading, not resending.
 */
export async function undoWeights(context: ActionSession, snapshot: RuleSnapshot): Promise<WeightsOutcome> {
	const failed = (result: WeightsResult, message: string): WeightsOutcome => ({result, message, differences: [], before: snapshot, after: null, topology: null});
	let router = context.router;
	let note = '';
	for (let attempt = 0; ; attempt++) {
		try {
			const {differences, read} = await restoreRules(context, router, snapshot);
			return {
				result: differences.length === 0 ? 'ok' : 'partial',
				message: differences.length === 0
					? `the PCC rules are back as they were (${describeShares(read.topology)})${note}`
					: `undo left ${differences.length} difference(s) from the recorded rules${note}`,
				differences,
				before: snapshot,
				after: read.rules,
				topology: read.topology,
			};
		} catch (error) {
			const cause = error instanceof StepFailure ? error.error : error;
			if (!isLinkFailure(cause)) {
				if (!(error instanceof StepFailure)) throw error;
				return failed(error.index === 0 ? 'failed' : 'partial', `undo stopped (${error.message})${error.index === 0 ? '; nothing was changed' : '; the rules may be partly restored: check them now'}`);
			}
			const dropped = `the connection dropped during undo (${errorText(cause)})`;
			if (!context.reconnect || attempt > 0) return failed('unknown', `${dropped}: check the PCC rules now`);
			try {
				router = await context.reconnect();
			} catch (reconnectError) {
				return failed('unknown', `${dropped}; reconnecting failed (${errorText(reconnectError)}): check the PCC rules now`);
			}
			note = ` (${dropped}; finished from what the router held after reconnecting)`;
		}
	}
}

/** `wan1 2/3, wan2 1/3` */
export function describeShares(topology: Topology): string {
	return topology.wans
		.filter(wan => wan.remainders.length > 0 || topology.denominator !== null)
		.map(wan => `${wan.name} ${wan.remainders.length}/${topology.denominator ?? '?'}`)
		.join(', ');
}
