import type {Connection, ConnTrackStore} from '../model/conntrack.js';
import type {Fields} from '../model/item.js';
import {formatId} from '../model/item.js';
import {formatDuration} from '../model/format.js';
import {formatIpv4 as formatIp} from '../menus/values.js';
import {NamePool} from './names.js';
import {SlotLists} from './slot-lists.js';

/**
 * The connection table, stored column-wise in typed arrays: about 90 bytes a connection and
 * nothing for the garbage collector to walk, so a million entries stay small and cheap.
 *
 * Counters are not updated per tick: each connection keeps its byte rates and the instants
 * its flow starts, stops replying (stall) and ends, and the counters are worked out when
 * someone looks. Per-tick work therefore depends on connections that start and end, not on
 * how many exist.
 *
 * Ids are `generation * 2^21 + slot`: a freed slot comes back with a new generation, so an
 * id a client printed before the connection ended never names a newer connection.
 */

const slotBits = 21;
const slotSpace = 2 ** slotBits;
/** Upper bound on entries, like a router's conntrack max-entries. */
export const maxEntries = slotSpace - 1;
const maxGeneration = 2047;

export type Protocol = Connection['protocol'];
const protocols: Protocol[] = ['tcp', 'udp', 'icmp'];

export type TcpState = 'syn-sent' | 'established';

const flagSeenReply = 1;
const flagAssured = 2;
const flagSrcNat = 4;
const flagDstNat = 8;
const flagFasttrack = 16;

/** RouterOS's defaults in /ip/firewall/connection/tracking, used for the timeout column. */
export const trackingTimeouts = {
	tcpEstablished: 86_400_000,
	tcpSynSent: 5000,
	tcpTimeWait: 10_000,
	udp: 10_000,
	udpStream: 180_000,
	icmp: 10_000,
};

/** Average packet sizes per direction: requests and acks go out small, data comes back big. */
const packetSize = {orig: 180, repl: 1100};

export interface NewConnection {
	protocol: Protocol;
	src: number;
	srcPort: number;
	dst: number;
	dstPort: number;
	/** Source address after src-nat; 0 without. */
	natAddress: number;
	dstNat: boolean;
	mark: string | undefined;
	outInterface: string | undefined;
	/** Engine's flow-class number: which rules and interfaces its packets count on. */
	flowClass: number;
	tcpState: TcpState;
	seenReply: boolean;
	assured: boolean;
	/** Its packets after the first take the fast path (a filter fasttrack-connection rule). */
	fasttrack: boolean;
	createdAt: number;
	/** When the flow stops sending; closing timeouts run from here. */
	endAt: number;
	/** When the entry leaves the table. */
	expiresAt: number;
	/** From this instant no reply comes back (gateway dead); Infinity when it flows. */
	stallAt: number;
	/** Bytes per second each way while active. */
	origRate: number;
	replRate: number;
	/** Size of the first packet (SYN, DNS query...). */
	firstBytes: number;
}

export class ConnectionTable implements ConnTrackStore {
	private capacity = 0;
	private count = 0;
	/** Slots never used yet start at `fresh`; freed ones queue in `free` (FIFO, so reuse is late). */
	private fresh = 0;
	private free = new Int32Array(0);
	private freeHead = 0;
	private freeTail = 0;

	private generation = new Uint16Array(0);
	private protocol = new Uint8Array(0);
	private tcpState = new Uint8Array(0);
	private flags = new Uint8Array(0);
	private src = new Uint32Array(0);
	private dst = new Uint32Array(0);
	private nat = new Uint32Array(0);
	private srcPort = new Uint16Array(0);
	private dstPort = new Uint16Array(0);
	private mark = new Uint16Array(0);
	private outInterface = new Uint16Array(0);
	private flowClass = new Uint32Array(0);
	private createdAt = new Float64Array(0);
	private endAt = new Float64Array(0);
	private expiresAt = new Float64Array(0);
	private stallAt = new Float64Array(0);
	private nextEvent = new Float64Array(0);
	private origRate = new Float32Array(0);
	private replRate = new Float32Array(0);
	private firstBytes = new Uint16Array(0);

	private readonly markNames = new NamePool();
	private readonly interfaces = new NamePool();
	/** The mark index: one list per mark (list 0 holds the unmarked). */
	private readonly byMark = new SlotLists();
	/** One list per engine flow class. */
	private readonly byClass = new SlotLists();

	/** Event wheel: bucket number → slots whose next event falls in it (stale entries are skipped). */
	private readonly wheel = new Map<number, number[]>();
	private wheelDone = -1;
	private static readonly bucketMs = 100;

	/** The instant `values` and `get` describe counters at; the engine keeps it at its clock. */
	now = 0;

	/** Told before a connection leaves the table, by expiry or by `remove`. */
	onRemove: ((slot: number) => void) | undefined;

	constructor(initialCapacity = 1024) {
		this.grow(Math.max(16, initialCapacity));
	}

	get size(): number {
		return this.count;
	}

	add(spec: NewConnection): number | undefined {
		const slot = this.takeSlot();
		if (slot === undefined) return undefined;
		this.protocol[slot] = protocols.indexOf(spec.protocol);
		this.tcpState[slot] = spec.tcpState === 'established' ? 1 : 0;
		this.flags[slot] = (spec.seenReply ? flagSeenReply : 0) | (spec.assured ? flagAssured : 0)
			| (spec.natAddress !== 0 ? flagSrcNat : 0) | (spec.dstNat ? flagDstNat : 0) | (spec.fasttrack ? flagFasttrack : 0);
		this.src[slot] = spec.src;
		this.dst[slot] = spec.dst;
		this.nat[slot] = spec.natAddress;
		this.srcPort[slot] = spec.srcPort;
		this.dstPort[slot] = spec.dstPort;
		const mark = this.markNames.index(spec.mark);
		this.mark[slot] = mark;
		this.byMark.add(mark, slot);
		this.byClass.add(spec.flowClass, slot);
		this.outInterface[slot] = this.interfaces.index(spec.outInterface);
		this.flowClass[slot] = spec.flowClass;
		this.createdAt[slot] = spec.createdAt;
		this.endAt[slot] = spec.endAt;
		this.expiresAt[slot] = spec.expiresAt;
		this.stallAt[slot] = spec.stallAt;
		this.origRate[slot] = spec.origRate;
		this.replRate[slot] = spec.replRate;
		this.firstBytes[slot] = spec.firstBytes;
		this.count++;
		return slot;
	}

	// ---- ConnTrackStore ----

	countByMark(mark: string | undefined): number {
		const index = this.markNames.find(mark);
		return index === -1 ? 0 : this.byMark.count(index);
	}

	marks(): string[] {
		return this.byMark.nonEmpty().filter(index => index !== 0).map(index => this.markNames.name(index)!);
	}

	idsByMark(mark: string | undefined): Iterable<number> {
		const index = this.markNames.find(mark);
		return index === -1 ? [] : this.byMark.slots(index).map(slot => this.idOf(slot));
	}

	/** Slots of one engine flow class, from its list. */
	slotsOfClass(flowClass: number): number[] {
		return this.byClass.slots(flowClass);
	}

	countOfClass(flowClass: number): number {
		return this.byClass.count(flowClass);
	}

	*values(): Iterable<Connection> {
		const end = this.fresh;
		for (let slot = 0; slot < end; slot++) {
			if (this.isLive(slot)) yield this.connection(slot);
		}
	}

	get(id: number): Connection | undefined {
		const slot = this.slotOf(id);
		return slot === undefined ? undefined : this.connection(slot);
	}

	remove(id: number): boolean {
		const slot = this.slotOf(id);
		if (slot === undefined) return false;
		this.release(slot);
		return true;
	}

	clear(): void {
		const end = this.fresh;
		for (let slot = 0; slot < end; slot++) {
			if (this.isLive(slot)) this.release(slot);
		}
		this.wheel.clear();
	}

	format(connection: Connection, now: number): Fields {
		const slot = this.slotOf(connection.id);
		const port = connection.protocol !== 'icmp';
		const address = (ip: string, portNumber: number) => (port ? `${ip}:${portNumber}` : ip);
		const fields: Fields = {
			'.id': formatId(connection.id),
			protocol: connection.protocol,
			'src-address': address(connection.srcAddress, connection.srcPort),
			'dst-address': address(connection.dstAddress, connection.dstPort),
			'reply-src-address': address(connection.dstAddress, connection.dstPort),
			'reply-dst-address': address(connection.natAddress ?? connection.srcAddress, connection.srcPort),
		};
		if (connection.tcpState !== undefined) fields['tcp-state'] = connection.tcpState;
		const flowing = slot !== undefined && now < this.endAt[slot];
		let timeout = connection.expiresAt - now;
		if (flowing && !(connection.protocol === 'tcp' && connection.tcpState === 'syn-sent')) {
			// Packets keep refreshing a live flow, so its timeout stays near the full value.
			timeout = this.protocol[slot] === 0 ? trackingTimeouts.tcpEstablished - 1000
				: this.protocol[slot] === 1 ? trackingTimeouts.udpStream - 1000 : trackingTimeouts.icmp;
		}
		fields.timeout = formatDuration(Math.max(0, Math.ceil(timeout / 1000) * 1000));
		const flags = slot === undefined ? 0 : this.flags[slot];
		// On the fast path every packet but the first each way went by it.
		const fast = (flags & flagFasttrack) !== 0;
		const fastPackets = (packets: number) => (fast ? Math.max(0, packets - 1) : 0);
		const fastBytes = (bytes: number, packets: number, size: number) => (fast && packets > 1 ? Math.max(0, bytes - size) : 0);
		fields['orig-packets'] = String(connection.origPackets);
		fields['orig-bytes'] = String(connection.origBytes);
		fields['orig-fasttrack-packets'] = String(fastPackets(connection.origPackets));
		fields['orig-fasttrack-bytes'] = String(fastBytes(connection.origBytes, connection.origPackets, slot === undefined ? 0 : this.firstBytes[slot]));
		fields['repl-packets'] = String(connection.replPackets);
		fields['repl-bytes'] = String(connection.replBytes);
		fields['repl-fasttrack-packets'] = String(fastPackets(connection.replPackets));
		fields['repl-fasttrack-bytes'] = String(fastBytes(connection.replBytes, connection.replPackets, packetSize.repl));
		fields['orig-rate'] = String(flowing ? Math.round(this.origRate[slot!] * 8) : 0);
		fields['repl-rate'] = String(flowing && !connection.stalled ? Math.round(this.replRate[slot!] * 8) : 0);
		if (connection.mark !== undefined) fields['connection-mark'] = connection.mark;
		fields.expected = 'false';
		fields['seen-reply'] = String((flags & flagSeenReply) !== 0 && connection.replPackets > 0);
		fields.assured = String((flags & flagAssured) !== 0 && connection.replPackets > 0);
		fields.confirmed = 'true';
		fields.dying = 'false';
		fields.fasttrack = String(fast);
		fields['hw-offload'] = 'false';
		fields.srcnat = String((flags & flagSrcNat) !== 0);
		fields.dstnat = String((flags & flagDstNat) !== 0);
		return fields;
	}

	// ---- engine-side access by slot ----

	slotOf(id: number): number | undefined {
		const slot = id % slotSpace;
		const generation = Math.floor(id / slotSpace);
		return slot < this.fresh && generation !== 0 && this.generation[slot] === generation ? slot : undefined;
	}

	idOf(slot: number): number {
		return this.generation[slot] * slotSpace + slot;
	}

	isLive(slot: number): boolean {
		return (this.generation[slot] & 0x8000) === 0 && this.generation[slot] !== 0;
	}

	markOf(slot: number): string | undefined {
		return this.markNames.name(this.mark[slot]);
	}

	setMark(slot: number, mark: string | undefined): void {
		const index = this.markNames.index(mark);
		if (index === this.mark[slot]) return;
		this.byMark.remove(slot);
		this.mark[slot] = index;
		this.byMark.add(index, slot);
	}

	setFasttrack(slot: number, fasttrack: boolean): void {
		this.flags[slot] = fasttrack ? this.flags[slot] | flagFasttrack : this.flags[slot] & ~flagFasttrack;
	}

	flowClassOf(slot: number): number {
		return this.flowClass[slot];
	}

	endOf(slot: number): number {
		return this.endAt[slot];
	}

	expiryOf(slot: number): number {
		return this.expiresAt[slot];
	}

	stallOf(slot: number): number {
		return this.stallAt[slot];
	}

	ratesOf(slot: number): {orig: number; repl: number} {
		return {orig: this.origRate[slot], repl: this.replRate[slot]};
	}

	/** Ends the active phase early (stall give-up, reset) and sets when the entry leaves. */
	setEnd(slot: number, endAt: number, expiresAt: number): void {
		this.endAt[slot] = endAt;
		this.expiresAt[slot] = expiresAt;
	}

	setStall(slot: number, stallAt: number): void {
		this.stallAt[slot] = stallAt;
	}

	/** Slots of one flow class are found through the engine's own sets; this reads the tuple. */
	tuple(slot: number): {src: number; dst: number; srcPort: number; dstPort: number; protocol: Protocol} {
		return {src: this.src[slot], dst: this.dst[slot], srcPort: this.srcPort[slot], dstPort: this.dstPort[slot], protocol: protocols[this.protocol[slot]]};
	}

	// ---- event wheel ----

	/** Asks for `takeDue` to hand back `slot` once the clock reaches `at`. */
	schedule(slot: number, at: number): void {
		this.nextEvent[slot] = at;
		const bucket = Math.max(this.wheelDone + 1, Math.ceil(at / ConnectionTable.bucketMs));
		let list = this.wheel.get(bucket);
		if (!list) this.wheel.set(bucket, (list = []));
		list.push(slot);
	}

	/** Hands every live slot whose scheduled event is due at `now` to `handle`, each once. */
	takeDue(now: number, handle: (slot: number) => void): void {
		const last = Math.floor(now / ConnectionTable.bucketMs);
		if (this.wheelDone === -1 && this.wheel.size > 0) {
			let first = Number.POSITIVE_INFINITY;
			for (const key of this.wheel.keys()) first = Math.min(first, key);
			this.wheelDone = first - 1;
		}
		while (this.wheelDone < last) {
			if (this.wheel.size === 0) {
				this.wheelDone = last;
				break;
			}
			const bucket = ++this.wheelDone;
			const list = this.wheel.get(bucket);
			if (!list) continue;
			this.wheel.delete(bucket);
			for (const slot of list) {
				// Entries left behind by a reschedule or a freed slot are skipped here.
				if (!this.isLive(slot) || this.nextEvent[slot] > now) continue;
				this.nextEvent[slot] = Number.POSITIVE_INFINITY;
				handle(slot);
			}
		}
	}

	/** Removes a slot's entry (expiry): tells the engine, then frees it. */
	release(slot: number): void {
		this.onRemove?.(slot);
		this.byMark.remove(slot);
		this.byClass.remove(slot);
		this.generation[slot] |= 0x8000;
		this.nextEvent[slot] = Number.POSITIVE_INFINITY;
		this.count--;
		this.free[this.freeTail] = slot;
		this.freeTail = (this.freeTail + 1) % this.free.length;
	}

	private connection(slot: number): Connection {
		const protocol = protocols[this.protocol[slot]];
		const counters = this.counters(slot);
		return {
			id: this.idOf(slot),
			protocol,
			srcAddress: formatIp(this.src[slot]),
			srcPort: this.srcPort[slot],
			dstAddress: formatIp(this.dst[slot]),
			dstPort: this.dstPort[slot],
			mark: this.markNames.name(this.mark[slot]),
			outInterface: this.interfaces.name(this.outInterface[slot]),
			natAddress: this.nat[slot] === 0 ? undefined : formatIp(this.nat[slot]),
			tcpState: protocol === 'tcp' ? this.tcpStateAt(slot, counters.now) : undefined,
			createdAt: this.createdAt[slot],
			expiresAt: this.expiresAt[slot],
			origPackets: counters.origPackets,
			origBytes: counters.origBytes,
			replPackets: counters.replPackets,
			replBytes: counters.replBytes,
			stalled: Number.isFinite(this.stallAt[slot]) && this.stallAt[slot] <= counters.now,
		};
	}

	private tcpStateAt(slot: number, now: number): string {
		if (this.tcpState[slot] === 0) return 'syn-sent';
		return now < this.endAt[slot] ? 'established' : 'time-wait';
	}

	private counters(slot: number) {
		const now = this.now;
		const activeEnd = Math.min(now, this.endAt[slot]);
		const since = this.createdAt[slot];
		const origBytes = this.firstBytes[slot] + Math.max(0, this.origRate[slot] * (activeEnd - since) / 1000);
		const replyEnd = Math.min(activeEnd, this.stallAt[slot]);
		const replBytes = Math.max(0, this.replRate[slot] * (replyEnd - since) / 1000);
		return {
			now,
			origBytes: Math.floor(origBytes),
			origPackets: 1 + Math.floor((origBytes - this.firstBytes[slot]) / packetSize.orig),
			replBytes: Math.floor(replBytes),
			replPackets: Math.ceil(replBytes / packetSize.repl),
		};
	}

	private takeSlot(): number | undefined {
		let slot: number;
		if (this.freeHead !== this.freeTail) {
			slot = this.free[this.freeHead];
			this.freeHead = (this.freeHead + 1) % this.free.length;
		} else {
			if (this.fresh >= maxEntries) return undefined;
			if (this.fresh >= this.capacity) this.grow(Math.min(slotSpace, this.capacity * 2));
			slot = this.fresh++;
		}
		const previous = this.generation[slot] & 0x7fff;
		this.generation[slot] = previous >= maxGeneration ? 1 : previous + 1;
		this.nextEvent[slot] = Number.POSITIVE_INFINITY;
		return slot;
	}

	private grow(capacity: number): void {
		const copy = <T extends {length: number; set(array: ArrayLike<number>): void}>(old: T, make: (n: number) => T): T => {
			const next = make(capacity);
			next.set(old as unknown as ArrayLike<number>);
			return next;
		};
		this.generation = copy(this.generation, n => new Uint16Array(n));
		this.protocol = copy(this.protocol, n => new Uint8Array(n));
		this.tcpState = copy(this.tcpState, n => new Uint8Array(n));
		this.flags = copy(this.flags, n => new Uint8Array(n));
		this.src = copy(this.src, n => new Uint32Array(n));
		this.dst = copy(this.dst, n => new Uint32Array(n));
		this.nat = copy(this.nat, n => new Uint32Array(n));
		this.srcPort = copy(this.srcPort, n => new Uint16Array(n));
		this.dstPort = copy(this.dstPort, n => new Uint16Array(n));
		this.mark = copy(this.mark, n => new Uint16Array(n));
		this.outInterface = copy(this.outInterface, n => new Uint16Array(n));
		this.flowClass = copy(this.flowClass, n => new Uint32Array(n));
		this.createdAt = copy(this.createdAt, n => new Float64Array(n));
		this.endAt = copy(this.endAt, n => new Float64Array(n));
		this.expiresAt = copy(this.expiresAt, n => new Float64Array(n));
		this.stallAt = copy(this.stallAt, n => new Float64Array(n));
		this.nextEvent = copy(this.nextEvent, n => new Float64Array(n));
		this.origRate = copy(this.origRate, n => new Float32Array(n));
		this.replRate = copy(this.replRate, n => new Float32Array(n));
		this.firstBytes = copy(this.firstBytes, n => new Uint16Array(n));
		this.byMark.grow(capacity);
		this.byClass.grow(capacity);
		// The free ring holds at most every slot once.
		const free = new Int32Array(capacity + 1);
		let length = 0;
		for (let at = this.freeHead; at !== this.freeTail; at = (at + 1) % this.free.length) free[length++] = this.free[at];
		this.free = free;
		this.freeHead = 0;
		this.freeTail = length;
		this.capacity = capacity;
	}
}
