import {walkChain, matcherValues, type MatchContext, type ReachedRule} from './chains.js';
import {parseClassifier} from './classifier.js';
import {idOf, valueOf} from './rows.js';
import type {Classifier, HashFields, Row} from './types.js';

/** A rule that carries `per-connection-classifier`, with every path that reaches it. */
export interface PccRule {
	row: Row;
	/** Each path that reaches the rule; at least one. */
	places: ReachedRule[];
	entry: string;
	classifier: Classifier;
	action: string;
	/** What it sets: the connection mark (mark-connection) or routing mark (mark-routing). */
	mark: string;
	/** Remainders it takes within its group's denominator. */
	claims: number[];
}

export interface PccGroup {
	entry: 'prerouting' | 'output';
	hash: HashFields;
	denominator: number;
	rules: PccRule[];
}

/** `mark-routing` driven by a connection mark: how a connection mark reaches a table. */
export interface MarkRoute {
	connectionMark: string;
	routingMark: string;
	entry: string;
	rule: ReachedRule;
}

/** The mangle entry chains that matter for routing, walked once each. */
export const mangleEntries = ['prerouting', 'input', 'forward', 'output', 'postrouting'] as const;
export type MangleWalk = Record<(typeof mangleEntries)[number], ReachedRule[]>;

export function walkMangle(mangle: readonly Row[], context?: MatchContext): MangleWalk {
	return Object.fromEntries(mangleEntries.map(entry => [entry, walkChain(mangle, entry, context)])) as MangleWalk;
}

/** Enumerating buckets is only sensible for denominators people write. */
export const maxEnumeratedDenominator = 1024;

function claimsOf(classifier: Classifier, denominator: number): number[] {
	const inRange = classifier.remainders.filter(remainder => remainder < denominator);
	if (!classifier.negated) return [...new Set(inRange)];
	if (denominator > maxEnumeratedDenominator) return [];
	return Array.from({length: denominator}, (_, remainder) => remainder).filter(remainder => !inRange.includes(remainder));
}

/** Every PCC rule reached from one entry chain, once per rule. */
export function pccRules(reached: readonly ReachedRule[], entry: string): PccRule[] {
	const byRow = new Map<Row, PccRule>();
	for (const place of reached) {
		const text = valueOf(place.row, 'per-connection-classifier');
		if (text === undefined) continue;
		const known = byRow.get(place.row);
		if (known) {
			known.places.push(place);
			continue;
		}
		const action = place.row.action ?? '';
		const mark = valueOf(place.row, action === 'mark-routing' ? 'new-routing-mark' : 'new-connection-mark') ?? '';
		const classifier = parseClassifier(text);
		byRow.set(place.row, {row: place.row, places: [place], entry, classifier, action, mark, claims: []});
	}
	return [...byRow.values()];
}

/**
 * The group of one entry chain: the hash and denominator most of its marking rules use
 * (a router mid-change can hold two), and the rules that use them.
 */
export function pccGroup(rules: readonly PccRule[], entry: 'prerouting' | 'output'): PccGroup | null {
	const marking = rules.filter(rule => rule.action === 'mark-connection' || rule.action === 'mark-routing');
	const counts = new Map<string, number>();
	for (const {classifier} of marking) {
		if (classifier.hash === null || classifier.denominator === null) continue;
		const key = `${classifier.hash}:${classifier.denominator}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	let best: string | undefined;
	for (const [key, count] of counts) if (best === undefined || count > counts.get(best)!) best = key;
	if (best === undefined) return null;
	const [hash, denominator] = best.split(':') as [HashFields, string];
	const size = Number(denominator);
	const members = marking
		.filter(rule => rule.classifier.hash === hash && rule.classifier.denominator === size)
		.map(rule => ({...rule, claims: claimsOf(rule.classifier, size)}));
	return {entry, hash, denominator: size, rules: members};
}

/** Every reached `mark-routing` that keys on a connection mark, in rule order per chain. */
export function markRoutes(walk: MangleWalk): MarkRoute[] {
	const routes: MarkRoute[] = [];
	const seen = new Set<string>();
	for (const entry of mangleEntries) {
		for (const rule of walk[entry]) {
			if (rule.row.action !== 'mark-routing' || valueOf(rule.row, 'per-connection-classifier') !== undefined) continue;
			// The rule's own mark, else one on a jump to it: a jump's `connection-mark=!no-mark` guard
			// only says the rules behind it see marked connections.
			const connectionMark = matcherValues(rule, 'connection-mark').filter(mark => !mark.startsWith('!') && mark !== 'no-mark').pop();
			const routingMark = valueOf(rule.row, 'new-routing-mark');
			if (!connectionMark || !routingMark) continue;
			const key = `${entry}\0${idOf(rule.row) || rule.index}`;
			if (seen.has(key)) continue;
			seen.add(key);
			routes.push({connectionMark, routingMark, entry, rule});
		}
	}
	return routes;
}

/** The routing mark a connection mark leads to: prerouting first, as LAN traffic sees it. */
export function routingMarkFor(routes: readonly MarkRoute[], connectionMark: string): string | undefined {
	const matching = routes.filter(route => route.connectionMark === connectionMark);
	return (matching.find(route => route.entry === 'prerouting') ?? matching[0])?.routingMark;
}
