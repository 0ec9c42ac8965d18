import {requireWrite} from '../actions/access.js';
import {changeWeights, prepareUndo, undoChange, type RecordedOutcome} from '../actions/weights-action.js';
import {describeShares, weightsText} from '../actions/weights.js';
import {ruleLine} from '../pcc/weight-text.js';
import {planWeights, type WeightPlan} from '../pcc/weights.js';
import {fullTime} from '../time-text.js';
import {parseWeightArgs} from './weight-args.js';
import {askConsent, complain, exit, say, withTarget, type ActionTarget} from './act.js';
import {exitFor, interruptible} from './interrupts.js';
import type {CliOptions} from './options.js';

function percent(share: number): string {
	return `${Math.round(share * 1000) / 10}%`;
}

/**
 * `pccmon HOST weights WAN=N ...`: plans the rule changes, shows them, asks, applies, verifies.
 * `pccmon HOST weights --undo`: restores the rules recorded before the last change.
 */
export function runWeights(options: CliOptions, args: string[]): Promise<number> {
	const action = options.undo ? 'undo' : 'weights change';
	return withTarget(options, action, async target => {
		requireWrite(target.access, action);
		return options.undo ? undo(target, options) : change(target, options, args);
	});
}

function showPlan(plan: WeightPlan): void {
	const width = Math.max(...plan.wans.map(wan => wan.name.length));
	for (const wan of plan.wans) {
		const buckets = `${wan.remainders.join(',') || '-'}/${plan.denominator}`;
		const was = `${wan.previousRemainders.join(',') || '-'}/${plan.previousDenominator}`;
		say(`  ${wan.name.padEnd(width)}  weight ${wan.weight}  buckets ${buckets} ${percent(wan.share)}  (was ${was} ${percent(wan.previousShare)})`);
	}
	say('Rule changes:');
	for (const line of plan.diff) say(`  ${line}`);
	for (const note of plan.notes) say(note);
}

async function change(target: ActionTarget, options: CliOptions, args: string[]): Promise<number> {
	const weights = parseWeightArgs(args, target.topology);
	const plan = planWeights(target.topology, target.config.mangle, weights);
	say(`${target.config.identity}: weights ${weightsText(plan)}`);
	showPlan(plan);
	if (plan.steps.length === 0) return exit.ok;
	if (options.dryRun) {
		say(`dry run: ${plan.steps.length} rule changes planned; nothing was changed`);
		return exit.ok;
	}
	const consent = await askConsent(options, `Apply these ${plan.steps.length} rule changes to ${target.config.identity}?`);
	if (consent !== 'yes') return declined(consent, 'weights change');

	// A change half-made is worse than one finished: a signal lets the steps run to the end
	// (a few commands), then the outcome is recorded and the process exits with the signal's code.
	const {value: recorded, signal} = await interruptible(() => changeWeights(target.session, target.trail, target.config, plan, progress()));
	endProgress();
	return exitFor(signal, report(recorded));
}

async function undo(target: ActionTarget, options: CliOptions): Promise<number> {
	const found = await prepareUndo(target.trail, target.config.mangle, fullTime);
	if (!found.ok) {
		complain(found.message);
		return exit.partial;
	}
	const {entry, snapshot} = found;
	say(`${target.config.identity}: undo the weights change of ${fullTime(entry.time)} by ${entry.account} (${entry.message})`);
	say(`now: ${describeShares(target.topology)}; the PCC rules go back to:`);
	for (const rule of snapshot.rules) say(`  ${ruleLine(rule)}`);
	if (options.dryRun) {
		say('dry run: nothing was changed');
		return exit.ok;
	}
	const consent = await askConsent(options, `Restore these ${snapshot.rules.length} rules on ${target.config.identity}?`);
	if (consent !== 'yes') return declined(consent, 'undo');
	const {value: recorded, signal} = await interruptible(() => undoChange(target.session, target.trail, found, target.config.mangle));
	return exitFor(signal, report(recorded));
}

function declined(consent: 'no' | 'no-terminal', action: string): number {
	if (consent === 'no-terminal') {
		complain(`${action} needs --yes when not run on a terminal; nothing was changed`);
		return exit.usage;
	}
	say('nothing was changed');
	return exit.ok;
}

function report({outcome, auditError}: RecordedOutcome): number {
	if (auditError) complain(auditError);
	(outcome.result === 'ok' ? say : complain)(outcome.message);
	for (const difference of outcome.differences) say(`  ${difference}`);
	return outcome.result === 'ok' ? exit.ok : exit.partial;
}

function progress(): ((done: number, total: number) => void) | undefined {
	if (!process.stderr.isTTY) return undefined;
	return (done, total) => process.stderr.write(`\rchange ${done} of ${total}`);
}

function endProgress(): void {
	if (process.stderr.isTTY) process.stderr.write('\n');
}
