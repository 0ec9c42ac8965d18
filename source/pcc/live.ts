import {isRouteUp} from './route-state.js';
import type {ConnectionCounts, LiveWan, RouteState, Topology, Wan} from './types.js';
import {wholeShares} from './shares.js';

/** Every mark worth one count-only query: each WAN's, and the output group's. */
export function countedMarks(topology: Topology): string[] {
	const marks = topology.wans.flatMap(wan => [wan.connectionMark, ...wan.otherConnectionMarks]);
	if (topology.outputGroup) marks.push(...Object.values(topology.outputGroup.marks));
	return [...new Set(marks.filter(mark => mark !== ''))];
}

/** Connections carrying any of the WAN's marks. */
export function wanConnections(wan: Wan, byMark: Readonly<Record<string, number>>): number {
	return [...new Set([wan.connectionMark, ...wan.otherConnectionMarks])].reduce((sum, mark) => sum + (byMark[mark] ?? 0), 0);
}

/** Each WAN with its live state (see isRouteUp). Netwatch status is reported beside it. */
export function liveWans(wans: readonly Wan[], routes: readonly RouteState[], counts: ConnectionCounts): LiveWan[] {
	const connections = wans.map(wan => wanConnections(wan, counts.byMark));
	// In ten-thousandths that add up to 1, so every figure made from them adds up to 100 % too.
	const shares = wholeShares(connections, 10_000);
	return wans.map((wan, index) => {
		const routeActive = isRouteUp(wan, routes);
		return {
			...wan,
			connections: connections[index],
			actualShare: shares[index] / 10_000,
			routeActive,
			state: routeActive ? 'up' : 'down',
		};
	});
}
