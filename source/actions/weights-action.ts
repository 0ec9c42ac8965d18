import type {Row, RouterConfig} from '../pcc/types.js';
import type {WeightPlan} from '../pcc/weights.js';
import type {Moment} from '../time-text.js';
import {findUndo, undoRecord, weightsRecord, type AuditRecord, type UndoTarget} from './records.js';
import type {ActionSession} from './session.js';
import {writeRecord, type AuditTrail} from './trail.js';
import {applyWeights, undoWeights, type WeightsOutcome} from './weights.js';

/**
 * The weights use cases, which the CLI and the screen both drive: a planned change (or an
 * undo) is run, then written to the audit log, in one place.
 */

export interface RecordedOutcome {
	outcome: WeightsOutcome;
	/** When the router's rules were last changed or read back (ms since the epoch); the record's time. */
	at: number;
	/** Why the audit log could not be written; null when it was. */
	auditError: string | null;
}

async function recorded(trail: AuditTrail, outcome: WeightsOutcome, record: AuditRecord): Promise<RecordedOutcome> {
	const at = Date.now();
	const written = await writeRecord(trail, record, at);
	return {outcome, at, auditError: 'error' in written ? written.error : null};
}

/** Applies a plan made from `planned` (see applyWeights), then records it. */
export async function changeWeights(
	session: ActionSession,
	trail: AuditTrail,
	planned: RouterConfig,
	plan: WeightPlan,
	onStep?: (done: number, total: number) => void,
): Promise<RecordedOutcome> {
	const outcome = await applyWeights(session, planned, plan, onStep);
	return recorded(trail, outcome, weightsRecord(plan, outcome));
}

/** The change an undo would reverse, from this trail's log, checked against the rules now. */
export function prepareUndo(trail: AuditTrail, mangle: readonly Row[], timeText: (moment: Moment) => string): Promise<UndoTarget> {
	return findUndo(trail.router, mangle, timeText, trail.path);
}

/** Restores the rules recorded before that change (see undoWeights), then records it. */
export async function undoChange(
	session: ActionSession,
	trail: AuditTrail,
	target: Extract<UndoTarget, {ok: true}>,
	mangleBefore: readonly Row[],
): Promise<RecordedOutcome> {
	const outcome = await undoWeights(session, target.snapshot);
	return recorded(trail, outcome, undoRecord(target.entry, mangleBefore, outcome));
}
