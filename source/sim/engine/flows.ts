import {parseIpv4} from '../../pcc/shared/ipv4.js';
import type {Item} from '../model/item.js';
import {isPrivate} from './ipv4.js';
import type {RuleSet} from './mangle.js';
import {tupleDst, tupleProtocol, tupleSrc, tupleDstPort, tupleSrcPort} from './matchers.js';
import type {NetworkView} from './network.js';
import {natSrc, newPacket, type Packet} from './packet.js';
import {pccHash} from './pcc-hash.js';
import type {Path, Routing} from './routing.js';
import type {Direction} from './traffic.js';

/**
 * Connections whose packets take the same way through the router: same rules hit (for the
 * packets after the first, each way), same marks, same route and NAT source. Counters move
 * per class each tick (its members' summed rates times the elapsed time), which keeps the
 * per-tick cost independent of how many connections there are.
 */
export interface FlowClass {
	id: number;
	key: string;
	direction: Direction;
	inInterface: string | undefined;
	mark: string | undefined;
	/** The routing mark its data packets get (v7: the table). */
	routingMark: string | undefined;
	/** Source address after NAT; 0 when not NATed. */
	natAddress: number;
	/** Rules matched by each packet after the first, from the client and from the server. */
	origHits: Item[];
	replyHits: Item[];
	/**
	 * A filter `fasttrack-connection` rule took its connections onto the fast path: after the
	 * packet that matched it, no mangle rule sees them and no routing mark applies.
	 */
	fasttrack: boolean;
	/** The fasttrack rules that packet matched: counted once per connection. */
	fasttrackHits: Item[];
	/** One member's tuple: routing and rule re-evaluation use it for the whole class. */
	sample: Tuple;
	path: Path | null;
	/** Interface the replies leave by towards the client (LAN side for forwarded flows). */
	replyInterface: string | undefined;
	stalled: boolean;
	origRate: number;
	replRate: number;
}

export interface Tuple {
	protocol: number;
	src: number;
	dst: number;
	srcPort: number;
	dstPort: number;
}

export interface Rules {
	mangle: RuleSet;
	nat: RuleSet;
	/** Only for fasttrack: the simulator drops nothing by filter rules. */
	filter: RuleSet;
}

/** What the first packet of a new connection did. */
export interface Classified {
	flowClass: FlowClass;
	/** Rules the first packet matched (mangle and nat), each to count once. */
	firstHits: Item[];
	natAddress: number;
	dstNat: boolean;
}

const maxCached = 10_000;

export class FlowClasses {
	/** Every class by id; classes nobody uses any more are dropped on the next rebuild. */
	readonly all = new Map<number, FlowClass>();
	private nextId = 1;
	private readonly byKey = new Map<string, FlowClass>();
	/** Shortcut from what decides a class to the class, valid until rules or routes change. */
	private readonly cache = new Map<string, FlowClass>();
	private readonly packet = newPacket();
	private readonly hits: Item[] = [];

	constructor(
		private readonly routing: Routing,
		private readonly view: () => NetworkView,
		private readonly rules: () => Rules,
		private readonly members: (id: number) => number,
	) {}

	/** Runs a new connection's first packet through the router and finds its class. */
	classify(direction: Direction, tuple: Tuple, inInterface: string | undefined): Classified {
		const firstHits: Item[] = [];
		const first = this.reset(tuple, 'new', inInterface, undefined);
		const {mangle, nat} = this.rules();
		let path: Path | null;
		let dstNat = false;
		// Port forwards are counted and flagged; the simulated flow itself stays as it was.
		const destinationNat = () => {
			nat.run('dstnat', first, firstHits);
			dstNat = first.nat !== undefined && first.nat.action !== 'masquerade' && first.nat.action !== 'src-nat';
			first.nat = undefined;
		};
		if (direction === 'local-in') {
			mangle.run('prerouting', first, firstHits);
			destinationNat();
			mangle.run('input', first, firstHits);
			path = null;
		} else if (direction === 'forward') {
			mangle.run('prerouting', first, firstHits);
			destinationNat();
			path = this.route(first);
			if (path) {
				first.outInterface = path.interface;
				mangle.run('forward', first, firstHits);
				mangle.run('postrouting', first, firstHits);
			}
		} else {
			path = this.routeOutput(first, firstHits);
		}
		let natAddress = 0;
		if (path && direction !== 'local-in') {
			first.nat = undefined;
			nat.run('srcnat', first, firstHits);
			natAddress = this.natSource(first, path);
		}
		const mark = first.connectionMark;
		const cacheKey = this.cacheKey(direction, tuple, inInterface, mark, natAddress);
		let flowClass = cacheKey === undefined ? undefined : this.cache.get(cacheKey);
		if (!flowClass) {
			flowClass = this.classFor(direction, tuple, inInterface, mark, natAddress);
			// Rules that read addresses or ports make keys per flow: keep the cache bounded.
			if (this.cache.size >= maxCached) this.cache.clear();
			if (cacheKey !== undefined) this.cache.set(cacheKey, flowClass);
		}
		return {flowClass, firstHits, natAddress, dstNat};
	}

	/**
	 * The inputs that decide a class: direction, interfaces, mark, NAT source, the route the
	 * destination takes, and only those tuple fields some rule reads for established packets.
	 */
	private cacheKey(direction: Direction, tuple: Tuple, inInterface: string | undefined, mark: string | undefined, natAddress: number): string | undefined {
		// The router's own and inbound flows are few and depend on both ends: not worth caching.
		if (direction !== 'forward') return undefined;
		const destination = this.routing.destinationKey(tuple.dst);
		if (destination === undefined) return undefined;
		const {mangle, filter} = this.rules();
		const mask = mangle.establishedMask | filter.establishedMask;
		let key = `${inInterface}|${mark}|${natAddress}|${destination}`;
		if (mask & tupleSrc) key += `|s${tuple.src}`;
		if (mask & tupleDst) key += `|d${tuple.dst}`;
		if (mask & tupleSrcPort) key += `|p${tuple.srcPort}`;
		if (mask & tupleDstPort) key += `|q${tuple.dstPort}`;
		if (mask & tupleProtocol) key += `|t${tuple.protocol}`;
		return key;
	}

	/**
	 * Recomputes what every class's packets hit, after the rules changed. Marks may move.
	 * Returns the classes that lost their way (see `reroute`).
	 */
	reevaluate(onChange: (flowClass: FlowClass) => void): FlowClass[] {
		this.cache.clear();
		this.byKey.clear();
		const stalled: FlowClass[] = [];
		for (const flowClass of this.live()) {
			const before = flowClass.mark;
			const wasFast = flowClass.fasttrack;
			const wasStalled = flowClass.stalled;
			this.evaluate(flowClass);
			if (flowClass.stalled && !wasStalled) stalled.push(flowClass);
			if (flowClass.mark !== before || flowClass.fasttrack !== wasFast) onChange(flowClass);
			flowClass.key = this.keyOf(flowClass);
			if (!this.byKey.has(flowClass.key)) this.byKey.set(flowClass.key, flowClass);
		}
		return stalled;
	}

	/** Re-decides each class's route and whether replies come back; returns classes that stalled. */
	reroute(): FlowClass[] {
		const stalled: FlowClass[] = [];
		this.cache.clear();
		this.byKey.clear();
		for (const flowClass of this.live()) {
			const wasStalled = flowClass.stalled;
			this.place(flowClass);
			flowClass.replyHits = this.replyHits(flowClass).hits;
			if (flowClass.stalled && !wasStalled) stalled.push(flowClass);
			flowClass.key = this.keyOf(flowClass);
			if (!this.byKey.has(flowClass.key)) this.byKey.set(flowClass.key, flowClass);
		}
		return stalled;
	}

	clear(): void {
		this.cache.clear();
		this.all.clear();
		this.byKey.clear();
	}

	/** Classes with members, dropping empty ones (their rules or routes changed since). */
	private live(): FlowClass[] {
		for (const [id, flowClass] of this.all) if (this.members(id) === 0) this.all.delete(id);
		return [...this.all.values()];
	}

	private classFor(direction: Direction, tuple: Tuple, inInterface: string | undefined, mark: string | undefined, natAddress: number): FlowClass {
		const flowClass: FlowClass = {
			id: 0,
			key: '',
			direction,
			inInterface,
			mark,
			routingMark: undefined,
			natAddress,
			origHits: [],
			replyHits: [],
			fasttrack: false,
			fasttrackHits: [],
			sample: {...tuple},
			path: null,
			replyInterface: undefined,
			stalled: false,
			origRate: 0,
			replRate: 0,
		};
		this.evaluate(flowClass);
		flowClass.key = this.keyOf(flowClass);
		const existing = this.byKey.get(flowClass.key);
		if (existing) return existing;
		flowClass.id = this.nextId++;
		this.all.set(flowClass.id, flowClass);
		this.byKey.set(flowClass.key, flowClass);
		return flowClass;
	}

	private keyOf(flowClass: FlowClass): string {
		const ids = (items: Item[]) => items.map(item => item.id).join(',');
		return `${flowClass.direction}|${flowClass.inInterface}|${flowClass.mark}|${flowClass.routingMark}|${flowClass.natAddress}|${flowClass.fasttrack}|${flowClass.path?.key}|${ids(flowClass.origHits)}|${ids(flowClass.replyHits)}`;
	}

	/**
	 * The established packets of the class, both ways: which rules they hit, which mark they
	 * carry. A rule that marks established packets (no connection-state=new) changes the
	 * connection's mark on the first such packet, after which the packets see the new mark;
	 * so this repeats until the mark settles.
	 */
	private evaluate(flowClass: FlowClass): void {
		for (let round = 0; round < 4; round++) {
			const mark = flowClass.mark;
			this.evaluateOrig(flowClass);
			this.place(flowClass);
			const reply = this.replyHits(flowClass);
			flowClass.replyHits = reply.hits;
			if (reply.mark === flowClass.mark && flowClass.mark === mark) return;
			flowClass.mark = reply.mark;
		}
	}

	private evaluateOrig(flowClass: FlowClass): void {
		const {mangle, filter} = this.rules();
		const {sample, direction, inInterface} = flowClass;
		const origHits: Item[] = [];
		const filterHits: Item[] = [];
		const orig = this.reset(sample, 'established', inInterface, flowClass.mark);
		orig.natState = flowClass.natAddress === 0 ? 0 : natSrc;
		if (direction === 'local-in') {
			mangle.run('prerouting', orig, origHits);
			mangle.run('input', orig, origHits);
		} else if (direction === 'forward') {
			mangle.run('prerouting', orig, origHits);
			const path = this.route(orig);
			if (path) {
				orig.outInterface = path.interface;
				mangle.run('forward', orig, origHits);
				filter.run('forward', orig, filterHits);
				mangle.run('postrouting', orig, origHits);
			}
		} else {
			this.routeOutput(orig, origHits);
		}
		flowClass.mark = orig.connectionMark;
		flowClass.fasttrack = orig.fasttrack;
		flowClass.fasttrackHits = orig.fasttrack ? filterHits.filter(item => item.fields.action === 'fasttrack-connection') : [];
		// On the fast path the packets skip mangle, so its routing marks with it: they leave
		// by table main (docs/simulator-api.md, fasttrack).
		flowClass.routingMark = orig.fasttrack ? undefined : orig.routingMark;
		flowClass.origHits = orig.fasttrack ? [] : origHits;
	}

	/** Route and reply fate of a class, from its marks and the routing state now. */
	private place(flowClass: FlowClass): void {
		const {sample, direction} = flowClass;
		const view = this.view();
		if (direction === 'local-in') {
			// Replies come from the router: output, then routing by the mark output gave them.
			const reply = this.reset({...sample, src: sample.dst, dst: sample.src, srcPort: sample.dstPort, dstPort: sample.srcPort}, 'established', undefined, flowClass.mark);
			const scratch: Item[] = [];
			const path = this.routeOutput(reply, scratch);
			flowClass.path = path;
			flowClass.replyInterface = path?.interface;
			flowClass.stalled = !path || path.interface !== flowClass.inInterface || !this.routing.passes(path);
			return;
		}
		const path = this.routing.lookup(flowClass.routingMark, sample.dst, sample.src, flowClass.inInterface, hashOf(sample));
		flowClass.path = path;
		flowClass.replyInterface = flowClass.inInterface;
		if (!path || !this.routing.passes(path)) {
			flowClass.stalled = true;
			return;
		}
		const source = flowClass.natAddress || sample.src;
		// A source the router owns must be the out-interface's own, or the ISP drops the
		// packet (a NATed flow moved to another WAN); anything else must be routable.
		flowClass.stalled = view.local.has(source) ? view.addressOn(path.interface) !== source : isPrivate(source);
	}

	/** Rules the server's packets hit, and the connection mark they leave. */
	private replyHits(flowClass: FlowClass): {hits: Item[]; mark: string | undefined} {
		const {mangle} = this.rules();
		const {sample, direction, path} = flowClass;
		const hits: Item[] = [];
		if (!path || flowClass.stalled || flowClass.fasttrack) return {hits, mark: flowClass.mark};
		if (direction === 'local-in') {
			const reply = this.reset({...sample, src: sample.dst, dst: sample.src, srcPort: sample.dstPort, dstPort: sample.srcPort}, 'established', undefined, flowClass.mark);
			this.routeOutput(reply, hits);
			return {hits, mark: reply.connectionMark};
		}
		const reply = this.reset(
			{...sample, src: sample.dst, dst: flowClass.natAddress || sample.src, srcPort: sample.dstPort, dstPort: sample.srcPort},
			'established',
			path.interface,
			flowClass.mark,
		);
		reply.natState = flowClass.natAddress === 0 ? 0 : natSrc;
		mangle.run('prerouting', reply, hits);
		// Un-NAT happens after mangle prerouting; the rest of the way the client's address shows.
		reply.dst = sample.src;
		if (direction === 'forward') {
			reply.outInterface = flowClass.inInterface;
			mangle.run('forward', reply, hits);
			mangle.run('postrouting', reply, hits);
		} else {
			mangle.run('input', reply, hits);
		}
		return {hits, mark: reply.connectionMark};
	}

	/** Router-originated packet: route, output chain, re-route if output marked it, postrouting. */
	private routeOutput(packet: Packet, hits: Item[]): Path | null {
		const {mangle} = this.rules();
		const before = this.route(packet);
		packet.outInterface = before?.interface;
		const mark = packet.routingMark;
		mangle.run('output', packet, hits);
		const path = packet.routingMark === mark ? before : this.route(packet);
		if (!path) return null;
		packet.outInterface = path.interface;
		mangle.run('postrouting', packet, hits);
		return path;
	}

	private route(packet: Packet): Path | null {
		return this.routing.lookup(packet.routingMark, packet.dst, packet.src, packet.inInterface, hashOf(packet));
	}

	private natSource(packet: Packet, path: Path): number {
		const nat = packet.nat;
		if (!nat) return 0;
		if (nat.action === 'masquerade') return this.view().addressOn(path.interface) ?? 0;
		if (nat.action === 'src-nat' || nat.action === 'netmap' || nat.action === 'same') {
			return parseIpv4((nat.toAddresses ?? '').split(/[-/]/)[0]) ?? 0;
		}
		return 0;
	}

	private reset(tuple: Tuple, state: Packet['state'], inInterface: string | undefined, mark: string | undefined): Packet {
		const packet = this.packet;
		packet.protocol = tuple.protocol;
		packet.src = tuple.src;
		packet.dst = tuple.dst;
		packet.srcPort = tuple.srcPort;
		packet.dstPort = tuple.dstPort;
		packet.inInterface = inInterface;
		packet.outInterface = undefined;
		packet.state = state;
		packet.connectionMark = mark;
		packet.routingMark = undefined;
		packet.packetMark = undefined;
		packet.natState = 0;
		packet.nat = undefined;
		packet.fasttrack = false;
		return packet;
	}
}

/** Spreads flows over ECMP gateways; any well-mixed per-flow number does. */
function hashOf(tuple: Tuple): number {
	return pccHash('both-addresses', {src: tuple.src, dst: tuple.dst, srcPort: 0, dstPort: 0});
}
