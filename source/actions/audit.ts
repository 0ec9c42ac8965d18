import {randomUUID} from 'node:crypto';
import {appendFile, mkdir, readFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import type {Row} from '../pcc/types.js';
import {pccmonDir} from '../xdg.js';

export type AuditAction = 'flush' | 'weights' | 'weights-undo';

/**
 * ok: done as asked. partial: some of it done (a flush cut short, a verify that found
 * differences). rolled-back: failed midway and the rules were put back. failed: nothing
 * changed. unknown: the link dropped and the state could not be read back.
 */
export type AuditResult = 'ok' | 'partial' | 'rolled-back' | 'failed' | 'cancelled' | 'unknown';

export interface AuditRouter {
	host: string;
	port?: number;
	identity: string;
}

/** What the action touched, as it was before or after: rules for weights, counts for flush. */
export interface AuditState {
	/** The PCC rules exactly as printed, in router order. */
	rules?: Row[];
	/** Every mangle rule id in order, so undo can put a removed rule back in its place. */
	order?: string[];
	weights?: Record<string, number>;
	/** Connections per protocol carrying the flushed mark. */
	connections?: Record<string, number>;
}

export interface AuditEntry {
	/** Lets an undo name the change it reverses. */
	id: string;
	time: string;
	router: AuditRouter;
	account: string;
	action: AuditAction;
	parameters: Record<string, unknown>;
	before: AuditState;
	after: AuditState;
	result: AuditResult;
	/** The one line the user was shown. */
	message: string;
	/** For weights-undo: the id of the weights entry it reversed. */
	undoes?: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'time'>;

/** `$XDG_STATE_HOME/pccmon/audit.log`. */
export function auditLogPath(env: NodeJS.ProcessEnv = process.env): string {
	return join(pccmonDir('XDG_STATE_HOME', env), 'audit.log');
}

// Not bare `pass`: mangle rules carry `passthrough`, which must be recorded to be restored.
const secretKey = /password|passphrase|secret|token|credential|private-key/i;

/**
 * Drops any property whose name looks like a secret, at any depth. Nothing pccmon records
 * should carry one; this is the guard that keeps a future field from leaking one.
 */
function withoutSecrets(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutSecrets);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => !secretKey.test(key))
			.map(([key, inner]) => [key, withoutSecrets(inner)]),
	);
}

/** Appends one JSON line; the log is private to the user (0600 in a 0700 directory). */
export async function appendAudit(entry: NewAuditEntry, path = auditLogPath(), at = Date.now()): Promise<AuditEntry> {
	const full = withoutSecrets({id: randomUUID(), time: new Date(at).toISOString(), ...entry}) as AuditEntry;
	await mkdir(dirname(path), {recursive: true, mode: 0o700});
	// One write per line with O_APPEND keeps lines whole when two pccmon processes log at once.
	await appendFile(path, `${JSON.stringify(full)}\n`, {mode: 0o600});
	return full;
}

function isEntry(value: unknown): value is AuditEntry {
	if (value === null || typeof value !== 'object') return false;
	const entry = value as Partial<AuditEntry>;
	return typeof entry.id === 'string' && typeof entry.action === 'string'
		&& typeof entry.router?.host === 'string' && typeof entry.result === 'string';
}

/** Every readable entry, oldest first. A missing log is empty; a torn or foreign line is skipped. */
export async function readAudit(path = auditLogPath()): Promise<AuditEntry[]> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
	const entries: AuditEntry[] = [];
	for (const line of text.split('\n')) {
		if (line.trim() === '') continue;
		try {
			const parsed: unknown = JSON.parse(line);
			if (isEntry(parsed)) entries.push(parsed);
		} catch {
			// A line cut short by a crash must not hide the entries around it.
		}
	}
	return entries;
}

function isUndone(entry: AuditEntry): boolean {
	return entry.action === 'weights-undo' && entry.undoes !== undefined && (entry.result === 'ok' || entry.result === 'partial');
}

function sameRouter(a: AuditRouter, b: AuditRouter): boolean {
	return a.host === b.host && (a.port ?? null) === (b.port ?? null);
}

/**
 * The weights change `weights --undo` should reverse: the newest one for this router that
 * changed the rules and has not been undone yet. Undos stack, so undoing twice walks back
 * two changes instead of flipping between the last two.
 */
export function lastUndoableChange(entries: readonly AuditEntry[], router: AuditRouter): AuditEntry | undefined {
	const undone = new Set<string>();
	for (let index = entries.length - 1; index >= 0; index--) {
		const entry = entries[index];
		if (!sameRouter(entry.router, router)) continue;
		if (isUndone(entry)) {
			undone.add(entry.undoes!);
			continue;
		}
		if (entry.action !== 'weights' || undone.has(entry.id)) continue;
		if ((entry.result === 'ok' || entry.result === 'partial') && entry.before.rules) return entry;
	}
	return undefined;
}

/** The newest undo that restored rules on this router, and the change it reversed. */
export function lastUndo(entries: readonly AuditEntry[], router: AuditRouter): {undo: AuditEntry; change: AuditEntry | undefined} | undefined {
	const undo = [...entries].reverse().find(entry => sameRouter(entry.router, router) && isUndone(entry));
	return undo && {undo, change: entries.find(entry => entry.id === undo.undoes)};
}
