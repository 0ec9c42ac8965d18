import type {Analysis} from './analysis.js';
import {
	contradictingComments, duplicateBuckets, duplicatePccRules, impossibleRemainders, invalidClassifiers, pccOnMarkRouting,
	unassignedBuckets, unguardedMarking,
} from './problems/buckets.js';
import {fasttrackBypass} from './problems/fasttrack.js';
import {flushAll, sharedProbes, unpinnedProbes} from './problems/netwatch.js';
import {unique} from './problems/problem.js';
import {emptyLists, hotspotOnPcc, missingInbound, missingMasquerade, shadowed} from './problems/rules.js';
import {
	crossedGateways, mismatchedRouting, missingCheckGateway, missingMainRoute, routingMarkRoutes, staticGatewayOnDhcp, unroutedMarks, unusedTables,
} from './problems/routing.js';
import type {Problem} from './types.js';
import type {WanDetail} from './wans.js';

/** Every finding, errors first, in a stable order (each family in rule or WAN order). */
export function findProblems(analysis: Analysis, wans: readonly WanDetail[]): Problem[] {
	const all = unique([
		...invalidClassifiers(analysis),
		...impossibleRemainders(analysis),
		...unassignedBuckets(analysis.main),
		...duplicateBuckets(analysis.main, wans),
		...duplicatePccRules(analysis),
		...pccOnMarkRouting(analysis),
		...fasttrackBypass(analysis),
		...unguardedMarking(analysis),
		...shadowed(analysis),
		...emptyLists(analysis),
		...unroutedMarks(analysis),
		...mismatchedRouting(analysis),
		...routingMarkRoutes(analysis),
		...unusedTables(analysis),
		...missingMainRoute(analysis, wans),
		...crossedGateways(wans),
		...missingMasquerade(wans),
		...missingCheckGateway(wans),
		...staticGatewayOnDhcp(analysis, wans),
		...missingInbound(analysis, wans),
		...flushAll(analysis),
		...unpinnedProbes(analysis, wans),
		...sharedProbes(wans),
		...hotspotOnPcc(analysis),
		...contradictingComments(analysis, wans),
	]);
	return [...all.filter(item => item.severity === 'error'), ...all.filter(item => item.severity === 'warning')];
}
