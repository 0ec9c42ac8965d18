import {parsePrefix} from './shared/ipv4.js';
import {ruleMatchers, type Matcher} from './matchers.js';
import {isEnabled, isYes, listOf, valueOf} from './rows.js';
import type {Row} from './types.js';

/** One place a packet can reach a rule: through which jumps, under which matchers. */
export interface ReachedRule {
	row: Row;
	/** Index of the rule in the menu as printed (rule order). */
	index: number;
	/** The built-in chain the packet entered (prerouting, output, srcnat, ...). */
	entry: string;
	/** Enabled jump rules that lead here, outermost first. */
	path: Row[];
	/** The rule's own matchers plus those of every jump on its path. */
	matchers: Matcher[];
	/** An earlier rule that takes every packet this one would see and stops processing. */
	shadowedBy?: Row;
}

/** Matchers whose value is a set: a rule asking for a subset matches fewer packets. */
const setValued = new Set(['connection-state', 'dst-address-type', 'src-address-type', 'protocol', 'connection-type']);

/** What matching needs beyond the rules themselves: the members of interface lists. */
export interface MatchContext {
	listMembers(list: string): ReadonlySet<string>;
}

const noContext: MatchContext = {listMembers: () => new Set()};

/** Whether every packet that matches `narrow` also matches `broad`. */
export function covers(broad: readonly Matcher[], narrow: readonly Matcher[], context: MatchContext = noContext): boolean {
	return broad.every(matcher => narrow.some(other => implies(matcher, other, context)));
}

/** Interfaces a matcher on `in-interface` or `in-interface-list` (not negated) takes, or undefined. */
function interfacesOf([name, value]: Matcher, side: 'in' | 'out', context: MatchContext): ReadonlySet<string> | undefined {
	if (value.startsWith('!')) return undefined;
	if (name === `${side}-interface`) return new Set([value]);
	if (name === `${side}-interface-list`) return context.listMembers(value);
	return undefined;
}

/** Whether every packet the narrow matcher takes is taken by the broad one. */
function implies(broad: Matcher, narrow: Matcher, context: MatchContext): boolean {
	const [name, broadValue] = broad;
	const [narrowName, narrowValue] = narrow;
	for (const side of ['in', 'out'] as const) {
		if (name !== `${side}-interface` && name !== `${side}-interface-list`) continue;
		const taken = interfacesOf(narrow, side, context);
		if (taken === undefined || taken.size === 0) return name === narrowName && narrowValue === broadValue;
		if (broadValue.startsWith('!')) {
			const excluded = interfacesOf([name, broadValue.slice(1)], side, context) ?? new Set();
			return [...taken].every(iface => !excluded.has(iface));
		}
		const allowed = interfacesOf(broad, side, context)!;
		return [...taken].every(iface => allowed.has(iface));
	}
	if (name !== narrowName) return false;
	if (narrowValue === broadValue) return true;
	if (narrowValue.startsWith('!') || broadValue.startsWith('!')) return false;
	if (name === 'src-address' || name === 'dst-address') return prefixWithin(narrowValue, broadValue);
	if (!setValued.has(name)) return false;
	const allowed = new Set(listOf(broadValue));
	return listOf(narrowValue).every(item => allowed.has(item));
}

/** Whether the narrow prefix lies inside the broad one (`192.168.1.0/24` in `192.168.0.0/16`). */
function prefixWithin(narrow: string, broad: string): boolean {
	const inner = parsePrefix(narrow);
	const outer = parsePrefix(broad);
	if (!inner || !outer || inner.length < outer.length) return false;
	const mask = outer.length === 0 ? 0 : (0xffffffff << (32 - outer.length)) >>> 0;
	return ((inner.address & mask) >>> 0) === ((outer.address & mask) >>> 0);
}

/** Whether this rule ends processing for the packet (for `return`: of its own chain only). */
function stops(row: Row): 'all' | 'chain' | undefined {
	const action = row.action ?? 'accept';
	if (action === 'accept' || action === 'drop' || action === 'reject' || action === 'masquerade'
		|| action === 'src-nat' || action === 'dst-nat' || action === 'redirect' || action === 'netmap') return 'all';
	if (action === 'return') return 'chain';
	const passthrough = valueOf(row, 'passthrough');
	if (passthrough !== undefined && !isYes(passthrough) && action !== 'jump') return 'all';
	return undefined;
}

interface Stopper {
	matchers: Matcher[];
	/** Undefined: stops everything after it; a frame number: stops the rest of that call. */
	frame?: number;
	row: Row;
}

/** Bounds the walk over hostile or looping configurations. */
const maxVisits = 20_000;

/**
 * Walks a firewall menu from one built-in chain the way the router does: enabled rules in
 * order, into custom chains on `jump` (a chain already on the call stack is not entered
 * again, which is how a loop is cut), back on `return`. Each rule comes back once per path
 * that reaches it, with what would stop a packet before it.
 */
export function walkChain(rows: readonly Row[], entry: string, context: MatchContext = noContext): ReachedRule[] {
	const byChain = new Map<string, Array<{row: Row; index: number}>>();
	rows.forEach((row, index) => {
		if (!isEnabled(row) || !row.chain) return;
		const list = byChain.get(row.chain) ?? [];
		list.push({row, index});
		byChain.set(row.chain, list);
	});
	const reached: ReachedRule[] = [];
	const stoppers: Stopper[] = [];
	/** Frames in which a `return` has already sent some packets back to the caller. */
	const returned = new Set<number>();
	let frames = 0;
	let visits = 0;

	const visit = (chain: string, path: Row[], pathMatchers: Matcher[], stack: string[], frameStack: number[]): void => {
		const frame = frames++;
		const frameIds = [...frameStack, frame];
		for (const {row, index} of byChain.get(chain) ?? []) {
			if (++visits > maxVisits) return;
			const matchers = [...pathMatchers, ...ruleMatchers(row)];
			const stopper = stoppers.find(candidate =>
				(candidate.frame === undefined || frameIds.includes(candidate.frame)) && covers(candidate.matchers, matchers, context));
			reached.push({row, index, entry, path, matchers, shadowedBy: stopper?.row});
			const target = valueOf(row, 'jump-target');
			if (row.action === 'jump' && target && !stack.includes(target)) {
				visit(target, [...path, row], matchers, [...stack, target], frameIds);
			}
			// A rule no packet reaches takes none. One after a return in a custom chain sees only the
			// packets that return let through, so it stops them for the rest of that call only.
			const scope = stopper ? undefined : stops(row);
			if (scope === 'chain') {
				stoppers.push({matchers, frame, row});
				returned.add(frame);
			} else if (scope === 'all') {
				stoppers.push({matchers, frame: frameIds.find(id => id !== frameIds[0] && returned.has(id)), row});
			}
		}
	};
	visit(entry, [], [], [entry], []);
	return reached;
}

/** Reached rules with every path to them shadowed. */
export function shadowedRules(reached: readonly ReachedRule[]): Array<{row: Row; by: Row}> {
	const byRow = new Map<Row, ReachedRule[]>();
	for (const rule of reached) byRow.set(rule.row, [...(byRow.get(rule.row) ?? []), rule]);
	const result: Array<{row: Row; by: Row}> = [];
	for (const [row, places] of byRow) {
		if (places.every(place => place.shadowedBy)) result.push({row, by: places[0].shadowedBy!});
	}
	return result;
}

/** The value of a matcher on the rule or on a jump leading to it (first found). */
export function matcherValue(rule: ReachedRule, name: string): string | undefined {
	return rule.matchers.find(([matcher]) => matcher === name)?.[1];
}

/** Every value a matcher takes on the rule and its path. */
export function matcherValues(rule: ReachedRule, name: string): string[] {
	return rule.matchers.filter(([matcher]) => matcher === name).map(([, value]) => value);
}
