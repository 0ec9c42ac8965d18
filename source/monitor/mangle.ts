import {ruleMatchers} from '../pcc/matchers.js';
import type {Row} from '../pcc/types.js';

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

/** The classifier has a column of its own. */
export function matcherSummary(row: Row): string {
	return ruleMatchers(row)
		.filter(([name]) => name !== 'per-connection-classifier')
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
