import {matcherValues, walkChain} from '../../../source/pcc/chains.js';
import {parseClassifier} from '../../../source/pcc/classifier.js';
import type {RuleStep} from '../../../source/pcc/rule-steps.js';
import {isYes, valueOf} from '../../../source/pcc/rows.js';
import type {Row} from '../../../source/pcc/types.js';

/**
 * Applies rule steps to mangle rows the way the router would, one at a time, calling back
 * with the rows after each step so a test can check every intermediate state.
 */
export function applySteps(start: readonly Row[], steps: readonly RuleStep[], after?: (rows: Row[], index: number) => void): Row[] {
	let rows = start.map(row => ({...row}));
	let nextId = Math.max(0, ...rows.map(row => Number.parseInt((row['.id'] ?? '*0').slice(1), 16))) + 1;
	const created: string[] = [];
	steps.forEach((step, index) => {
		switch (step.kind) {
			case 'add': {
				const id = `*${(nextId++).toString(16).toUpperCase()}`;
				created[index] = id;
				const row = {'.id': id, disabled: 'false', ...step.attributes};
				const before = step.beforeStep === undefined ? step.before : created[step.beforeStep];
				const at = before === undefined ? -1 : rows.findIndex(item => item['.id'] === before);
				if (before !== undefined && at === -1) throw new Error(`place-before ${before}: no such item`);
				rows = at === -1 ? [...rows, row] : [...rows.slice(0, at), row, ...rows.slice(at)];
				break;
			}
			case 'set':
				rows = rows.map(row => row['.id'] === step.id ? {...row, ...step.attributes} : row);
				if (!rows.some(row => row['.id'] === step.id)) throw new Error(`set ${step.id}: no such item`);
				break;
			case 'unset':
				rows = rows.map(row => {
					if (row['.id'] !== step.id) return row;
					const next: Record<string, string> = {...row};
					for (const name of step.names) delete next[name];
					return next;
				});
				break;
			case 'remove':
				if (!rows.some(row => row['.id'] === step.id)) throw new Error(`remove ${step.id}: no such item`);
				rows = rows.filter(row => row['.id'] !== step.id);
				break;
		}
		after?.(rows, index);
	});
	return rows;
}

function lcm(a: number, b: number): number {
	const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
	return (a / gcd(a, b)) * b;
}

/**
 * For each hash value a new LAN connection could have, how many times prerouting marks it
 * and with what. Rules see `hash % denominator`; connection-mark matchers (on the rule or a
 * jump to it) are honoured, rules for other in-interfaces than `lan` skipped; a mark-routing with passthrough=no ends the chain.
 */
export function markingsPerHash(rows: readonly Row[], lan: string): Array<{marks: string[]}> {
	const reached = walkChain(rows, 'prerouting');
	const denominators = reached.map(rule => parseClassifier(valueOf(rule.row, 'per-connection-classifier') ?? '').denominator ?? 1);
	const span = denominators.reduce(lcm, 1);
	return Array.from({length: span}, (_, hash) => {
		let mark = '';
		const marks: string[] = [];
		for (const rule of reached) {
			if (matcherValues(rule, 'in-interface').some(iface => iface !== lan)) continue;
			const wanted = matcherValues(rule, 'connection-mark');
			if (wanted.some(value => value !== (mark === '' ? 'no-mark' : mark))) continue;
			const text = valueOf(rule.row, 'per-connection-classifier');
			if (text !== undefined) {
				const classifier = parseClassifier(text);
				if (!classifier.valid || (hash % classifier.denominator === classifier.remainders[0]) === classifier.negated) continue;
			}
			if (rule.row.action === 'mark-connection') {
				mark = rule.row['new-connection-mark'];
				marks.push(mark);
			}
			if (rule.row.action === 'mark-routing' && !isYes(rule.row.passthrough ?? 'true')) break;
		}
		return {marks};
	});
}
