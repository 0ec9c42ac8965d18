import {arrivalOf, type Analysis} from '../analysis.js';
import {matcherValues, shadowedRules} from '../chains.js';
import {mangleEntries} from '../groups.js';
import {addressListFilled, interfaceListMembers, interfaceMatches, isBuiltinList} from '../interfaces.js';
import {isEnabled, negation, valueOf} from '../rows.js';
import type {Problem} from '../types.js';
import type {WanDetail} from '../wans.js';
import {problem} from './problem.js';

function describe(row: Readonly<Record<string, string>>): string {
	const comment = valueOf(row, 'comment');
	return `${row['.id'] ?? 'rule'} (${row.chain} ${row.action}${comment ? ` "${comment}"` : ''})`;
}

export function shadowed(analysis: Analysis): Problem[] {
	const reached = mangleEntries.flatMap(entry => analysis.walk[entry]);
	return shadowedRules(reached).flatMap(({row, by}) => {
		const mark = valueOf(row, 'new-connection-mark') ?? valueOf(row, 'new-routing-mark') ?? valueOf(row, 'new-packet-mark');
		if (!mark) return [];
		return [problem('rule-shadowed', mark, 'error',
			`the rule setting ${mark} can never match: ${describe(by)} comes first and takes all its packets; move it below, narrow it, or set passthrough=yes`)];
	});
}

/** Actions that decide where a connection is balanced: marks, exclusions before them, jumps. */
const balancingActions = new Set(['mark-connection', 'mark-routing', 'accept', 'return', 'jump']);

/**
 * Lists the rules relevant to balancing match on (on the rule or a jump leading to it):
 * PCC rules, exclusions and pins, mark-routing, in prerouting and output.
 */
function balancingLists(analysis: Analysis, names: readonly string[]): string[] {
	const lists: string[] = [];
	for (const rule of [...analysis.walk.prerouting, ...analysis.walk.output]) {
		if (!balancingActions.has(rule.row.action ?? 'accept')) continue;
		for (const name of names) {
			for (const value of matcherValues(rule, name)) {
				const list = negation(value).name;
				if (!lists.includes(list)) lists.push(list);
			}
		}
	}
	return lists;
}

/** A list spelt with other case: RouterOS names are case-sensitive, so it is another list. */
function otherCase(names: ReadonlyArray<string | undefined>, list: string): string {
	const near = names.find(name => name !== undefined && name !== list && name.toLowerCase() === list.toLowerCase());
	return near ? ` (there is "${near}"; names are case-sensitive)` : '';
}

export function emptyLists(analysis: Analysis): Problem[] {
	const {config} = analysis;
	const interfaceLists = balancingLists(analysis, ['in-interface-list', 'out-interface-list'])
		.filter(list => !isBuiltinList(list) && interfaceListMembers(config, list).size === 0)
		.map(list => problem('empty-interface-list', list, 'error',
			`interface list ${list} used by the balancing rules has no members${otherCase(config.interfaceLists.map(row => row.name), list)}, so they never match (or always, where negated); add the LAN interfaces with /interface/list/member add list=${list} interface=...`));
	const addressLists = balancingLists(analysis, ['src-address-list', 'dst-address-list'])
		.filter(list => !addressListFilled(config, list))
		.map(list => problem('empty-address-list', list, 'error',
			`address list ${list} used by the balancing rules has no entries${otherCase(config.addressLists.map(row => row.list), list)}, so they never match (or always, where negated); add entries with /ip/firewall/address-list add list=${list} address=...`));
	return [...interfaceLists, ...addressLists];
}

export function hotspotOnPcc(analysis: Analysis): Problem[] {
	if (!analysis.main) return [];
	const places = analysis.main.rules.flatMap(rule => rule.places);
	const onBalanced = analysis.config.hotspots.filter(row => isEnabled(row) && row.interface
		&& places.some(place => interfaceMatches(analysis.config, row.interface!,
			matcherValues(place, 'in-interface')[0], matcherValues(place, 'in-interface-list')[0])));
	if (onBalanced.length === 0) return [];
	const names = onBalanced.map(row => row.interface).join(', ');
	return [problem('hotspot-with-pcc', '', 'warning',
		`a HotSpot runs on ${names}, which PCC balances, and MikroTik documents that PCC does not work with HotSpot; move the HotSpot or balance another way (e.g. ECMP)`)];
}

export function missingInbound(analysis: Analysis, wans: readonly WanDetail[]): Problem[] {
	return wans.flatMap(({wan, seed, crossed}) => {
		// A WAN nothing routes is reported as such (connection-mark-without-routing); one whose
		// interface is unknown cannot be checked, and guessing would be a false alarm.
		// Crossed tables are reported as such (gateway-on-other-wan).
		if (seed.remainders.length === 0 || seed.routingMark === '' || wan.interface === null || crossed) return [];
		const iface = wan.interface;
		const marks = seed.inbound.filter(rule => {
			const arrival = arrivalOf(analysis.config, rule);
			return interfaceMatches(analysis.config, iface, arrival.iface, arrival.list);
		});
		if (marks.length > 0) return [];
		return [problem('no-inbound-mark', wan.name, 'warning',
			`nothing marks connections that arrive on ${iface}, so replies to them may leave by another WAN; add chain=prerouting in-interface=${iface} connection-mark=no-mark action=mark-connection new-connection-mark=${wan.connectionMark || '...'}`)];
	});
}

export function missingMasquerade(wans: readonly WanDetail[]): Problem[] {
	return wans.filter(({wan}) => wan.interface !== null && !wan.masquerade).map(({wan}) =>
		problem('missing-masquerade', wan.interface!, 'error',
			`no enabled srcnat masquerade or src-nat covers ${wan.interface} (${wan.name}), so LAN traffic leaves it with private addresses; add chain=srcnat out-interface=${wan.interface} action=masquerade`));
}
