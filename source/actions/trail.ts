import {appendAudit, type AuditEntry, type AuditRouter} from './audit.js';
import {errorText} from './failures.js';
import type {AuditRecord} from './records.js';

/** Who acts on which router, and where their actions are written down. */
export interface AuditTrail {
	router: AuditRouter;
	account: string;
	/** The audit log; the default location when absent. */
	path?: string;
}

/**
 * Writes one action's record, stamped `at`: when the router changed, not when someone
 * closed the dialog that showed it. A log that cannot be written is said, not thrown.
 */
export async function writeRecord(trail: AuditTrail, record: AuditRecord, at = Date.now()): Promise<{entry: AuditEntry} | {error: string}> {
	try {
		return {entry: await appendAudit({router: trail.router, account: trail.account, ...record}, trail.path, at)};
	} catch (error) {
		return {error: `could not write the audit log: ${errorText(error)}`};
	}
}
