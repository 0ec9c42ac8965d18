import type {Item} from '../model/item.js';
import {compileMatchers, establishedTupleMask, type Matcher} from './matchers.js';
import type {NetworkView} from './network.js';
import {markNamed, type Packet} from './packet.js';

/**
 * Firewall chains (mangle, nat, and filter for fasttrack) compiled from their tables, evaluated as RouterOS does:
 * rules in table order per chain, disabled and invalid rules skipped, every rule a packet
 * reaches and matches counted, `jump` into a user chain and `return` out of it, `accept`
 * ending the built-in chain, mark actions with passthrough, NAT actions ending the chain.
 */

const enum Flow {
	Next,
	Stop,
	Return,
	Jump,
}

interface Rule {
	item: Item;
	match: Matcher;
	apply: (packet: Packet) => Flow;
	jumpTarget: string | undefined;
}

const natActions = new Set(['masquerade', 'src-nat', 'dst-nat', 'netmap', 'redirect', 'same', 'endpoint-independent-nat']);

/** RouterOS refuses to nest jumps deeper than this; a loop simply stops here. */
const maxDepth = 16;

function passthrough(item: Item): boolean {
	return item.fields.passthrough !== 'false' && item.fields.passthrough !== 'no';
}

function compileAction(item: Item): ((packet: Packet) => Flow) | undefined {
	const {fields} = item;
	const action = fields.action ?? 'accept';
	const then = passthrough(item) ? Flow.Next : Flow.Stop;
	switch (action) {
		case 'accept':
			return () => Flow.Stop;
		case 'return':
			return () => Flow.Return;
		case 'jump':
			return fields['jump-target'] ? () => Flow.Jump : undefined;
		case 'mark-connection': {
			const mark = fields['new-connection-mark'];
			if (!mark) return undefined;
			const value = markNamed(mark);
			return packet => {
				packet.connectionMark = value;
				return then;
			};
		}
		case 'mark-routing': {
			const mark = fields['new-routing-mark'];
			if (!mark) return undefined;
			const value = mark === 'main' ? undefined : markNamed(mark);
			return packet => {
				packet.routingMark = value;
				return then;
			};
		}
		case 'mark-packet': {
			const mark = fields['new-packet-mark'];
			if (!mark) return undefined;
			const value = markNamed(mark);
			return packet => {
				packet.packetMark = value;
				return then;
			};
		}
		case 'drop':
		case 'reject':
		case 'tarpit':
			return () => Flow.Stop;
		case 'fasttrack-connection':
			// Not final: the packet that starts the fast path still goes on down the chain.
			return packet => {
				packet.fasttrack = true;
				return Flow.Next;
			};
		default:
			if (natActions.has(action)) {
				const toAddresses = fields['to-addresses'];
				return packet => {
					packet.nat = {action, toAddresses};
					return Flow.Stop;
				};
			}
			// log, passthrough, change-mss, add-*-to-address-list...: counted, then on to the next rule.
			return () => then;
	}
}

export class RuleSet {
	private readonly chains = new Map<string, Rule[]>();
	/** Tuple fields (matchers.ts tuple*) that established packets' fate may depend on. */
	readonly establishedMask: number = 0;

	constructor(items: readonly Item[], view: NetworkView) {
		for (const item of items) {
			const {fields} = item;
			if (fields.disabled === 'true' || fields.invalid === 'true' || !fields.chain) continue;
			const match = compileMatchers(fields, view);
			const apply = compileAction(item);
			if (!match || !apply) continue;
			let chain = this.chains.get(fields.chain);
			if (!chain) this.chains.set(fields.chain, (chain = []));
			chain.push({item, match, apply, jumpTarget: fields['jump-target']});
			this.establishedMask |= establishedTupleMask(fields);
		}
	}

	/** Whether any rule sits in this chain: an empty chain costs nothing to skip. */
	has(chain: string): boolean {
		return this.chains.has(chain);
	}

	/**
	 * Runs a packet through a built-in chain, changing its marks (and `nat`) as the rules say,
	 * and pushes every rule it matched onto `hits` for the counters.
	 */
	run(chain: string, packet: Packet, hits: Item[]): void {
		this.walk(chain, packet, hits, 0);
	}

	private walk(chain: string, packet: Packet, hits: Item[], depth: number): Flow {
		const rules = this.chains.get(chain);
		if (!rules) return Flow.Next;
		for (const rule of rules) {
			if (!rule.match(packet)) continue;
			hits.push(rule.item);
			const flow = rule.apply(packet);
			if (flow === Flow.Next) continue;
			if (flow === Flow.Jump) {
				if (depth < maxDepth && rule.jumpTarget !== chain && this.walk(rule.jumpTarget!, packet, hits, depth + 1) === Flow.Stop) return Flow.Stop;
				continue;
			}
			return flow;
		}
		return Flow.Next;
	}
}
