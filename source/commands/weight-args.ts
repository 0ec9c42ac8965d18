import {findWan} from '../pcc/find-wan.js';
import type {Topology} from '../pcc/types.js';
import {WeightError} from '../pcc/weight-error.js';

/**
 * Reads `WAN=N` words (WAN by name, routing mark, table or connection mark). WANs not named
 * keep their current weight, their number of buckets, so `wan2=0` alone drains wan2.
 */
export function parseWeightArgs(args: readonly string[], topology: Topology): Record<string, number> {
	if (!topology.denominator || topology.wans.length === 0) throw new WeightError('this router has no PCC rules to reweight');
	const names = topology.wans.map(wan => wan.name).join(', ');
	const weights: Record<string, number> = Object.fromEntries(topology.wans.map(wan => [wan.name, wan.remainders.length]));
	const given = new Set<string>();
	for (const arg of args) {
		const match = /^([^=]+)=(.*)$/.exec(arg);
		if (!match) throw new WeightError(`"${arg}" is not WAN=N; write e.g. ${topology.wans[0].name}=2`);
		const wan = findWan(topology.wans, match[1]);
		if (!wan) throw new WeightError(`no WAN "${match[1]}"; the WANs are ${names}`);
		if (!/^\d{1,4}$/.test(match[2])) throw new WeightError(`the weight for ${wan.name} must be a whole number, 0 or more, got "${match[2]}"`);
		if (given.has(wan.name)) throw new WeightError(`${wan.name} is given twice`);
		given.add(wan.name);
		weights[wan.name] = Number(match[2]);
	}
	return weights;
}
