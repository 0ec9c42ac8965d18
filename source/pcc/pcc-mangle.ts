import {idOf, isEnabled, valueOf} from './rows.js';
import type {Row, Wan} from './types.js';

/**
 * The mangle rules that make PCC work, in table order: classifiers, whatever sets, tests
 * or routes a WAN's mark, and the jumps into the chains holding them (followed outwards,
 * as jumps nest). Disabled rules, and those the router marks invalid, do nothing and are
 * left out. Discovery publishes their ids; the mangle pane shows these and no others.
 */
export function pccMangleIds(mangle: readonly Row[], wans: readonly Wan[]): string[] {
	const marks = new Set(wans.flatMap(wan => [wan.connectionMark, ...wan.otherConnectionMarks]).filter(mark => mark !== ''));
	const routingMarks = new Set(wans.map(wan => wan.routingMark).filter(mark => mark !== ''));
	const enabled = mangle.filter(isEnabled);
	const related = (row: Row): boolean =>
		valueOf(row, 'per-connection-classifier') !== undefined
		|| marks.has(valueOf(row, 'new-connection-mark') ?? '')
		|| marks.has(valueOf(row, 'connection-mark') ?? '')
		|| routingMarks.has(valueOf(row, 'new-routing-mark') ?? '');
	const chains = new Set(enabled.filter(related).map(row => row.chain));
	// Bounded by the rule count: each round that changes anything adds a chain.
	for (let round = 0; round < enabled.length; round++) {
		const before = chains.size;
		for (const row of enabled) if (row.action === 'jump' && chains.has(row['jump-target'])) chains.add(row.chain);
		if (chains.size === before) break;
	}
	return enabled
		.filter(row => related(row) || (row.action === 'jump' && chains.has(row['jump-target'])))
		.map(idOf)
		.filter(id => id !== '');
}
