import type {WeightPlan} from '../pcc/weights.js';
import {isClassifierRule} from '../pcc/rule-steps.js';
import type {Row} from '../pcc/types.js';
import type {Moment} from '../time-text.js';
import {auditLogPath, lastUndo, lastUndoableChange, readAudit, type AuditEntry, type AuditRouter, type NewAuditEntry} from './audit.js';
import {afterCounts, type ConnectionCountsByProtocol, type FlushResult} from './flush.js';
import {snapshotRules, type RuleSnapshot} from './rules.js';
import {checkUndo, type WeightsOutcome} from './weights.js';

/** An audit entry without who and where: the CLI and the screen add those. */
export type AuditRecord = Omit<NewAuditEntry, 'router' | 'account'>;

function afterState(outcome: WeightsOutcome): AuditEntry['after'] {
	if (!outcome.after) return {};
	const weights = outcome.topology ? Object.fromEntries(outcome.topology.wans.map(wan => [wan.name, wan.remainders.length])) : undefined;
	return {rules: outcome.after.filter(isClassifierRule), weights};
}

export function weightsRecord(plan: WeightPlan, outcome: WeightsOutcome): AuditRecord {
	return {
		action: 'weights',
		parameters: {weights: Object.fromEntries(plan.wans.map(wan => [wan.name, wan.weight]))},
		before: {...outcome.before, weights: Object.fromEntries(plan.wans.map(wan => [wan.name, wan.previousRemainders.length]))},
		after: afterState(outcome),
		result: outcome.result,
		message: outcome.message,
	};
}

export function undoRecord(undone: AuditEntry, mangleBefore: readonly Row[], outcome: WeightsOutcome): AuditRecord {
	return {
		action: 'weights-undo',
		parameters: {undoes: undone.id, time: undone.time},
		before: snapshotRules(mangleBefore),
		after: afterState(outcome),
		result: outcome.result,
		message: outcome.message,
		undoes: undone.id,
	};
}

export function flushRecord(
	parameters: {wan: string; mark: string; scope: 'all' | 'stuck'},
	counts: ConnectionCountsByProtocol | null,
	result: FlushResult | null,
	outcome: AuditEntry['result'],
	message: string,
): AuditRecord {
	return {
		action: 'flush',
		parameters,
		before: counts ? {connections: {...counts}} : {},
		after: result ? {connections: afterCounts(result)} : {},
		result: outcome,
		message,
	};
}

export type UndoTarget = {ok: true; entry: AuditEntry; snapshot: RuleSnapshot} | {ok: false; message: string};

/**
 * The change `undo` would reverse, and the rules it would restore; refused when nothing is
 * recorded for this router, or when the rules changed since that change. `timeText` writes
 * the times a refusal names, as the screen or the command line shows times.
 */
export async function findUndo(router: AuditRouter, mangle: readonly Row[], timeText: (moment: Moment) => string, path = auditLogPath()): Promise<UndoTarget> {
	const entries = await readAudit(path);
	const entry = lastUndoableChange(entries, router);
	if (!entry?.before.rules) {
		const undone = lastUndo(entries, router);
		if (undone) {
			const change = undone.change ? `the last change (${timeText(undone.change.time)})` : 'the last change';
			return {ok: false, message: `nothing left to undo; ${change} was undone at ${timeText(undone.undo.time)}`};
		}
		return {ok: false, message: `no weights change by pccmon is recorded for ${router.host}:${router.port ?? ''} in ${path}; nothing to undo`};
	}
	const check = checkUndo(entry.after.rules ?? [], mangle);
	if (!check.ok) return check;
	const {rules, order} = entry.before;
	return {ok: true, entry, snapshot: {rules, order: order ?? rules.map(rule => rule['.id'] ?? '')}};
}
