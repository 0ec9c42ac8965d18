import type {Row, Wan} from '../pcc/types.js';

/** A PCC-related mangle rule with its counters and their rates. */
export interface MangleRuleView {
	id: string;
	chain: string;
	action: string;
	/** The matchers, shortened: `in=bridge state=new dst-type=!local`. */
	matchers: string;
	classifier: string;
	/** What it sets or needs: `→wan1_conn`, `wan1_conn→wan1`, `→pcc`. */
	marks: string;
	packets: bigint;
	bytes: bigint;
	packetsPerSecond: number | null;
	bytesPerSecond: number | null;
	/** Its packet counter did not move since the previous poll. */
	still: boolean;
}

/** Fields that say what a rule does rather than what it matches. */
const notMatchers = new Set([
	'.id', 'chain', 'action', 'new-connection-mark', 'new-routing-mark', 'new-packet-mark', 'jump-target',
	'per-connection-classifier', 'passthrough', 'comment', 'disabled', 'dynamic', 'invalid', 'log',
	'log-prefix', 'bytes', 'packets', '.nextid', '.about',
]);

const shortNames: Record<string, string> = {
	'in-interface': 'in',
	'in-interface-list': 'in-list',
	'out-interface': 'out',
	'out-interface-list': 'out-list',
	'connection-state': 'state',
	'connection-mark': 'conn',
	'routing-mark': 'rmark',
	'dst-address-type': 'dst-type',
	'src-address-type': 'src-type',
	'dst-address-list': 'dst-list',
	'src-address-list': 'src-list',
	'dst-address': 'dst',
	'src-address': 'src',
};

export function matcherSummary(row: Row): string {
	return Object.entries(row)
		.filter(([name]) => !notMatchers.has(name))
		.map(([name, value]) => `${shortNames[name] ?? name}=${value}`)
		.join(' ');
}

export function marksSummary(row: Row): string {
	switch (row['action']) {
		case 'mark-connection':
			return `→${row['new-connection-mark'] ?? '?'}`;
		case 'mark-routing':
			return `${row['connection-mark'] ?? ''}→${row['new-routing-mark'] ?? '?'}`;
		case 'jump':
			return `→${row['jump-target'] ?? '?'}`;
		default:
			return row['connection-mark'] ?? '';
	}
}

/**
 * The rules that make PCC work: classifiers, whatever sets or routes a WAN's connection
 * mark, and the jumps into the chains holding them. Disabled rules do nothing and are left out.
 */
export function pccRules(mangle: Row[], wans: Wan[]): Row[] {
	const marks = new Set(wans.flatMap(wan => [wan.connectionMark, ...wan.otherConnectionMarks]));
	const routingMarks = new Set(wans.map(wan => wan.routingMark));
	const enabled = mangle.filter(row => row['disabled'] !== 'true');
	const related = (row: Row): boolean =>
		row['per-connection-classifier'] !== undefined ||
		marks.has(row['new-connection-mark'] ?? '') ||
		marks.has(row['connection-mark'] ?? '') ||
		routingMarks.has(row['new-routing-mark'] ?? '');
	const chains = new Set(enabled.filter(related).map(row => row['chain']));
	// Jumps can nest: follow them outwards until no new chain turns up (bounded by the rule count).
	for (let round = 0; round < enabled.length; round++) {
		const before = chains.size;
		for (const row of enabled) if (row['action'] === 'jump' && chains.has(row['jump-target'] ?? '')) chains.add(row['chain']);
		if (chains.size === before) break;
	}
	return enabled.filter(row => related(row) || (row['action'] === 'jump' && chains.has(row['jump-target'] ?? '')));
}
