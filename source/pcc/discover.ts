import {analyse} from './analysis.js';
import {pccMangleIds} from './pcc-mangle.js';
import {findProblems} from './problems.js';
import type {RouterConfig, Topology} from './types.js';
import {buildWans, type WanDetail} from './wans.js';

/** WANs with buckets in bucket order, then the rest (inbound-only WANs) as found. */
function bucketOrder(wans: WanDetail[]): WanDetail[] {
	const first = (detail: WanDetail): number => detail.wan.remainders[0] ?? Number.POSITIVE_INFINITY;
	return wans.map((detail, order) => ({detail, order}))
		.sort((a, b) => first(a.detail) - first(b.detail) || a.order - b.order)
		.map(({detail}) => detail);
}

/** Works out the router's PCC set-up and what is wrong with it, from its configuration alone. */
export function discover(config: RouterConfig): Topology {
	const analysis = analyse(config);
	const wans = bucketOrder(buildWans(analysis));
	const output = analysis.output;
	return {
		routeros: config.routeros,
		hash: analysis.main?.hash ?? null,
		denominator: analysis.main?.denominator ?? null,
		wans: wans.map(detail => detail.wan),
		outputGroup: output && {
			hash: output.hash,
			denominator: output.denominator,
			marks: Object.fromEntries(output.rules.flatMap(rule => rule.claims.map(remainder => [String(remainder), rule.mark]))),
		},
		fallbackMainRoute: analysis.fallbackMainRoute,
		pccMangleIds: pccMangleIds(config.mangle, wans.map(detail => detail.wan)),
		problems: findProblems(analysis, wans),
	};
}
