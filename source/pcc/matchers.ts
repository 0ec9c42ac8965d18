import type {Row} from './types.js';

/** A matcher as written on a rule or on a jump that leads to it: [property, value]. */
export type Matcher = readonly [name: string, value: string];

/**
 * Properties that configure what a rule does or how it is shown, not which packets it
 * takes. Everything else counts as a matcher: an unknown property then makes a rule look
 * narrower, so at worst a shadowed rule is missed, never a live one reported. The client's
 * one list: discovery walks chains with it and the mangle pane shows rules by it (the
 * simulator, on the other side of the wire, keeps its own).
 */
const notMatchers = new Set([
	'.id', '.nextid', '.about', 'chain', 'action', 'comment', 'disabled', 'dynamic', 'invalid',
	'passthrough', 'log', 'log-prefix', 'jump-target', 'bytes', 'packets', 'place-before',
	'new-connection-mark', 'new-routing-mark', 'new-packet-mark', 'new-dscp', 'new-mss',
	'new-priority', 'new-ttl', 'route-dst', 'sniff-id', 'sniff-target', 'sniff-target-port',
	'address-list', 'address-list-timeout', 'to-addresses', 'to-ports',
]);

/** The rule's own matchers, in the order printed; unset (empty) properties match anything. */
export function ruleMatchers(row: Row): Matcher[] {
	return Object.entries(row).filter(([name, value]) => !notMatchers.has(name) && value !== '');
}
