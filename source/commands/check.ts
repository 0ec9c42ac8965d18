import {readFile} from 'node:fs/promises';
import {parseClassifier} from '../pcc/classifier.js';
import type {Problem} from '../pcc/types.js';
import {problemCount, problemLine} from '../pcc/problems/problem.js';
import {connectRouter} from '../routeros/client.js';
import type {RouterApi} from '../routeros/types.js';
import type {OnceDocument} from '../ui/report.js';
import {versionFor} from '../sim/rsc/version.js';
import {readReport} from './once.js';
import {UsageError, type CliOptions} from './options.js';

/** Exit codes of `check`: nothing to fix, something RouterOS refuses or an error finding, no file. */
const checkExit = {clean: 0, errors: 1, unreadable: 2} as const;

export interface RefusedLine {
	line: number;
	text: string;
	reason: string;
	/** How to write it so RouterOS takes it, where that is known. */
	fix?: string;
}

export interface CheckDocument {
	file: string;
	routeros: string;
	refused: RefusedLine[];
	pcc: OnceDocument['pcc'];
	problems: Problem[];
}

/**
 * The fix for a refusal, where it is certain: one rule per remainder for a comma list, and
 * the version's own words for RouterOS 7 syntax read as 6.
 */
function fixFor(text: string, reason: string, major: number): string | undefined {
	if (major === 6 && /^\/routing table\b/.test(reason)) {
		return 'RouterOS 6 has no routing tables to create: a routing mark needs only routes with routing-mark= (or give --routeros 7 if the export is from 7)';
	}
	if (major === 6 && /\brouting-table=/.test(text) && /unknown parameter/.test(reason)) {
		return 'RouterOS 6 routes take routing-mark=NAME instead of routing-table=NAME';
	}
	const value = /per-connection-classifier=(\S+)/.exec(text)?.[1];
	if (!value || !/is a list/.test(reason)) return undefined;
	const classifier = parseClassifier(value.replace(/^"|"$/g, ''));
	if (classifier.valid || classifier.remainders.length < 2 || classifier.hash === null || classifier.denominator === null) return undefined;
	const values = classifier.remainders.map(remainder => `${classifier.denominator}/${remainder}`);
	return `one rule per remainder: ${classifier.remainders.length} copies of this rule with per-connection-classifier=${classifier.negated ? '!' : ''}${classifier.hash}:${values.join(', :')}`;
}

/**
 * The command as written: its first line and the lines it continues onto with a trailing `\`.
 * An export may wrap inside a value, so the pieces join as they stand, without a space
 * (the space before a `\` that falls between words is kept).
 */
function commandText(lines: readonly string[], line: number): string {
	let text = '';
	for (let index = line - 1; index >= 0 && index < lines.length; index++) {
		const raw = lines[index].trim();
		const continued = /\\$/.test(raw);
		text += continued ? raw.slice(0, -1) : raw;
		if (!continued) break;
	}
	return text;
}

async function review(file: string, text: string, options: CliOptions): Promise<CheckDocument> {
	// The simulator loads the export as /import would: the router's own validation decides.
	const {startSim} = await import('../sim/index.js');
	const sim = await startSim({rsc: text, rscName: file, routeros: options.routeros, connections: 0, rate: 0, clock: 'manual'});
	let api: RouterApi | undefined;
	try {
		api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
		const {document, topology} = await readReport(api, sim.host, options.intervalSeconds * 1000);
		const lines = text.split(/\r?\n/);
		const refused = sim.warnings.map(warning => {
			const line = commandText(lines, warning.line);
			const fix = fixFor(line, warning.message, Number.parseInt(sim.version, 10));
			return {line: warning.line, text: line, reason: warning.message, ...(fix ? {fix} : {})};
		});
		return {file, routeros: sim.version, refused, pcc: document.pcc, problems: topology.problems};
	} finally {
		await api?.close();
		await sim.close();
	}
}

function percent(share: number): string {
	return `${(share * 100).toFixed(1)}%`;
}

/** The review as text: refused lines with their fixes, the WANs found, the findings, a verdict. */
export function renderCheck(document: CheckDocument): string {
	const out: string[] = [`${document.file}: read as RouterOS ${document.routeros}`];
	if (document.refused.length > 0) {
		out.push('', `Refused by RouterOS (${document.refused.length} ${document.refused.length === 1 ? 'line' : 'lines'})`);
		for (const refused of document.refused) {
			out.push(`  line ${refused.line}: ${refused.text}`, `    ${refused.reason}`);
			if (refused.fix) out.push(`    fix: ${refused.fix}`);
		}
	}
	const {pcc} = document;
	out.push('');
	if (pcc.hash === null) {
		out.push('PCC  none found: no enabled per-connection-classifier rule is reached from prerouting');
	} else {
		out.push(`PCC  ${pcc.hash}, ${pcc.denominator} buckets; table main ${pcc.fallbackMainRoute ? 'has a' : 'has no'} default route`);
		for (const wan of pcc.wans) {
			const buckets = wan.remainders.length > 0 ? `buckets ${wan.remainders.join(',')} (${percent(wan.share)})` : 'no buckets';
			const marks = [wan.connectionMark, ...wan.otherConnectionMarks].filter(Boolean).join('+') || '-';
			const gateway = wan.gateways.length > 0 ? wan.gateways.join(', ') : 'no gateway';
			const via = wan.interface ? ` via ${wan.interface}` : '';
			out.push(`  ${wan.name}  ${buckets}  marks ${marks} → ${wan.routingMark || '-'}  ${gateway}${via}`);
		}
	}
	if (document.problems.length > 0) {
		out.push('', `Problems (${document.problems.length})`);
		for (const problem of document.problems) out.push(`  ${problemLine(problem)}`);
	}
	out.push('', `Result: ${document.refused.length} refused, ${problemCount(document.problems)}`);
	return `${out.join('\n')}\n`;
}

function hasErrors(document: CheckDocument): boolean {
	return document.refused.length > 0 || document.problems.some(problem => problem.severity === 'error');
}

/** `pccmon check FILE.rsc`: reviews an export without a router; returns the exit code. */
export async function runCheck(options: CliOptions, file: string): Promise<number> {
	if (options.routeros !== undefined) {
		try {
			versionFor(undefined, options.routeros);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
	}
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
		process.stderr.write(`pccmon: cannot read ${file}: ${reason}\n`);
		return checkExit.unreadable;
	}
	const document = await review(file, text, options);
	process.stdout.write(options.json
		? `${JSON.stringify({refused: document.refused, pcc: document.pcc, problems: document.problems}, null, 2)}\n`
		: renderCheck(document));
	return hasErrors(document) ? checkExit.errors : checkExit.clean;
}
