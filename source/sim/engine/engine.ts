import {isFasttrackCounterRow} from '../model/fasttrack-counter-row.js';
import type {Item} from '../model/item.js';
import {counterNames} from '../menus/interfaces.js';
import {Clients, type Lease} from './clients.js';
import {SimClock} from './clock.js';
import {ConnectionTable, trackingTimeouts, type NewConnection} from './conntrack.js';
import {FlowClasses, type FlowClass, type Rules, type Tuple} from './flows.js';
import {isPrivate} from './ipv4.js';
import {RuleSet} from './mangle.js';
import {NetworkView} from './network.js';
import {Netwatch} from './netwatch.js';
import {Scheduler} from './scheduler.js';
import {protocolNumbers} from './packet.js';
import {Random} from './random.js';
import {paths, type EngineRouter} from './router-port.js';
import {checkGatewayInterval, Routing} from './routing.js';
import {runScript} from './scripts.js';
import {TrafficModel, type Direction, type FlowDraw} from './traffic.js';
import {Upstream} from './upstream.js';

export interface SimEngineOptions {
	/** Seed of the traffic: same seed, same run. Default 1. */
	seed?: number;
	/** New connections per second from the LAN hosts (plus a few of the router's own). Default 40. */
	rate?: number;
	/** Connections already open at start, classified as if new. Default 400. */
	connections?: number;
	/** Simulated time; default a clock starting at the wall clock's now. */
	clock?: SimClock;
	/** Simulated ms between traffic ticks. Default 100. */
	tickMs?: number;
	/** Hosts on each LAN network. Default 40. */
	hosts?: number;
	/** LAN interfaces; default those with a private network that no route sends through. */
	lanInterfaces?: string[];
	/** Leases the upstream DHCP/PPPoE servers hand out, by client interface (DHCP) or name (PPPoE). */
	leases?: Record<string, Lease>;
	/** Conntrack store to fill; default a new one (read it back from `conntrack`). */
	conntrack?: ConnectionTable;
}

export interface EngineStats {
	connections: number;
	/** New connections classified since start. */
	classified: number;
	/** Connections refused because conntrack was full. */
	dropped: number;
	/** Throughput of opening connections (classify, NAT, conntrack), per second of CPU time. */
	classifiedPerSecond: number;
}

export interface StartOptions {
	/** Follow the wall clock (default) or move only on `step` (tests). */
	realTime?: boolean;
	/** Simulated ms per real ms with the real-time clock. Default 1. */
	speed?: number;
	/** Where a failure inside a real-time tick goes; default it is thrown. */
	onError?: (error: unknown) => void;
}

interface Counter {
	bytes: number;
	packets: number;
}

interface InterfaceCounter {
	rxBytes: number;
	txBytes: number;
	rxPackets: number;
	txPackets: number;
}

/** Average packet sizes per direction, as the conntrack store uses. */
const origPacket = 180;
const replyPacket = 1100;
/** A client retries a dead connection this long before giving up. */
const giveUpMs = {tcp: 15_000, other: 5000};

/**
 * The simulated router's data plane: LAN hosts open connections, each new connection's first
 * packet runs through mangle, routing and NAT, conntrack keeps it with its mark, and every tick
 * moves counters on rules, interfaces and connections. Gateways answer or not as the upstream
 * model says; check-gateway, netwatch and DHCP/PPPoE clients react as a router's do.
 *
 * Life cycle: construct with the router, `start()` (real time) or `start({realTime: false})`
 * and `step(ms)` in tests, `dispose()` at the end.
 *
 * Fasttrack: a filter `fasttrack-connection` rule that an established packet matches takes
 * its connection onto the fast path, where mangle and routing marks no longer apply.
 *
 * Not modelled: the rest of the filter chains (nothing is dropped by a filter rule, and only
 * fasttrack rules' counters move), IPv6, queues, and port forwards beyond counting the dstnat rule.
 * Connections sharing a flow class (same rules hit, marks, route and NAT source) share one
 * representative for later rule and route changes: exact for the usual set-ups, where only
 * first-packet rules read addresses and ports and routes are defaults or host routes.
 */
export class SimEngine {
	readonly clock: SimClock;
	readonly conntrack: ConnectionTable;
	readonly upstream = new Upstream();
	private readonly random: Random;
	private readonly traffic: TrafficModel;
	private readonly routing: Routing;
	private readonly flows: FlowClasses;
	private readonly clients: Clients;
	private readonly netwatch: Netwatch;
	private readonly scheduler: Scheduler;
	private readonly tickMs: number;
	private readonly rate: number;
	private readonly initial: number;
	private readonly hosts: number;
	private view: NetworkView;
	private rules: Rules;
	private dirty = {view: true, rules: true, routes: true};
	/** Fractions of a packet or byte not yet shown; weak, so removed rules take theirs along. */
	private ruleCounters = new WeakMap<Item, Counter>();
	private readonly interfaceCounters = new Map<string, InterfaceCounter>();
	private readonly tickTraffic = new Map<string, InterfaceCounter>();
	/** 1 while a slot's rates are in its class's sums (it is still sending). */
	private counted = new Uint8Array(1024);
	private carry = 0;
	private lastTick = 0;
	private stops: Array<() => void> = [];
	private readonly unsubscribe: Array<() => void> = [];
	private lans: Array<{interface: string; hosts: number[]}> = [];
	private readonly lanOverride: string[] | undefined;
	private classified = 0;
	private dropped = 0;
	/** CPU time spent opening connections (classify + conntrack), for `classifiedPerSecond`. */
	private openMs = 0;
	private started = false;
	private startOptions: StartOptions = {};
	/** Smoothed cpu-load, before rounding. */
	private load = 1;

	constructor(
		private readonly router: EngineRouter,
		options: SimEngineOptions = {},
	) {
		this.clock = options.clock ?? new SimClock(Math.floor(Date.now() / 1000) * 1000);
		this.conntrack = options.conntrack ?? new ConnectionTable();
		this.random = new Random(options.seed ?? 1);
		this.traffic = new TrafficModel(this.random);
		this.tickMs = options.tickMs ?? 100;
		this.rate = options.rate ?? 40;
		this.initial = options.connections ?? 400;
		this.hosts = options.hosts ?? 40;
		this.routing = new Routing(router, this.upstream);
		this.view = new NetworkView(router);
		this.rules = this.compileRules();
		this.flows = new FlowClasses(this.routing, () => this.view, () => this.rules, id => this.conntrack.countOfClass(id));
		this.clients = new Clients(router, this.clock, options.leases ?? {});
		const context = {router, conntrack: this.conntrack};
		this.netwatch = new Netwatch(router, context, address => this.routing.answers(address));
		this.scheduler = new Scheduler(router, context);
		this.lanOverride = options.lanInterfaces;
		this.conntrack.onRemove = slot => this.forget(slot);
		this.watch();
		this.upstream.onChange(() => {
			this.dirty.routes = true;
			if (this.started) this.refresh();
		});
	}

	/** Starts traffic: the initial connections at once, then ticks; real time unless told otherwise. */
	start(options: StartOptions = {}): void {
		if (this.started) return;
		this.started = true;
		this.startOptions = options;
		this.lastTick = this.clock.now();
		this.conntrack.now = this.lastTick;
		this.refresh();
		this.populate(this.initial);
		this.scheduler.boot(this.lastTick);
		this.stops.push(
			this.clock.every(this.tickMs, now => this.tick(now)),
			this.clock.every(checkGatewayInterval, () => this.probeGateways()),
			this.clock.every(1000, now => this.netwatch.tick(now), 0),
			this.clock.every(1000, now => this.scheduler.tick(now), 0),
		);
		if (options.realTime ?? true) this.clock.startRealTime(this.tickMs, options.speed ?? 1, options.onError);
	}

	stop(): void {
		this.clock.stopRealTime();
		for (const stop of this.stops) stop();
		this.stops = [];
		this.started = false;
	}

	/** Stops for good and lets go of the router's tables. */
	dispose(): void {
		this.stop();
		for (const unsubscribe of this.unsubscribe) unsubscribe();
	}

	/** Moves simulated time forward by hand (tests). */
	step(ms: number): void {
		this.clock.advance(ms);
	}

	/** Makes a gateway (address, or interface name for PPPoE) or any far host answer or not. */
	setGatewayReachable(address: string, up: boolean): void {
		this.upstream.set(address, up);
	}

	/**
	 * A reboot: conntrack emptied, counters zeroed, check-gateway and netwatch state forgotten,
	 * DHCP/PPPoE leases given up and taken again. (Uptime belongs to the router.)
	 */
	restart(): void {
		const wasStarted = this.started;
		this.stop();
		this.conntrack.clear();
		this.flows.clear();
		this.ruleCounters = new WeakMap();
		this.interfaceCounters.clear();
		for (const path of [paths.mangle, paths.nat, paths.filter]) {
			for (const item of this.router.table(path).items) {
				item.bytes = 0;
				item.packets = 0;
			}
		}
		for (const item of this.router.table(paths.interface).items) for (const name of counterNames) item.fields[name] = '0';
		this.routing.reset();
		this.clients.reset();
		this.netwatch.reset();
		this.scheduler.reset();
		this.dirty = {view: true, rules: true, routes: true};
		if (wasStarted) this.start(this.startOptions);
	}

	/** Runs a RouterOS script the way netwatch does (the supported subset; see scripts.ts). */
	runScript(source: string): void {
		runScript(source, {router: this.router, conntrack: this.conntrack});
	}

	stats(): EngineStats {
		const seconds = this.openMs / 1000;
		return {
			connections: this.conntrack.size,
			classified: this.classified,
			dropped: this.dropped,
			classifiedPerSecond: seconds > 0 ? Math.round(this.classified / seconds) : 0,
		};
	}

	/** Creates `count` connections at once, as if `count` hosts had just opened them (bench, scale tests). */
	burst(count: number): void {
		this.refresh();
		this.openMany(count, this.clock.now(), false);
	}

	private openMany(count: number, now: number, established: boolean): void {
		if (count === 0) return;
		const started = process.cpuUsage();
		for (let index = 0; index < count; index++) this.openOne(now, established);
		const used = process.cpuUsage(started);
		this.openMs += (used.user + used.system) / 1000;
	}

	// ---- wiring ----

	private watch(): void {
		const on = (path: string, what: (keyof SimEngine['dirty'])[]) => {
			this.unsubscribe.push(
				this.router.table(path).subscribe(() => {
					if (path === paths.route && this.routing.writing) return;
					for (const flag of what) this.dirty[flag] = true;
				}),
			);
		};
		on(paths.mangle, ['rules']);
		on(paths.nat, ['rules']);
		on(paths.filter, ['rules']);
		on(paths.addressList, ['view', 'rules']);
		on(paths.interface, ['view', 'rules', 'routes']);
		on(paths.interfaceList, ['view', 'rules']);
		on(paths.interfaceListMember, ['view', 'rules']);
		on(paths.address, ['view', 'rules', 'routes']);
		on(paths.route, ['routes']);
		on(paths.dhcpClient, ['view']);
		on(this.router.version.major >= 7 ? paths.routingRule : paths.routeRuleV6, ['routes']);
		if (this.router.version.major >= 7) on(paths.routingTable, ['routes']);
	}

	private compileRules(): Rules {
		return {
			mangle: new RuleSet(this.router.table(paths.mangle).items, this.view),
			nat: new RuleSet(this.router.table(paths.nat).items, this.view),
			filter: new RuleSet(this.router.table(paths.filter).items, this.view),
		};
	}

	/** Applies configuration changes since the last look, in dependency order. */
	private refresh(): void {
		const {view, rules, routes} = this.dirty;
		if (!view && !rules && !routes) return;
		this.dirty = {view: false, rules: false, routes: false};
		if (view) {
			this.view = new NetworkView(this.router);
			this.clients.sync(this.view);
		}
		if (rules || view) this.rules = this.compileRules();
		if (routes || view) this.routing.rebuild(this.view);
		if (view || routes) this.lans = this.findLans();
		if (rules || view || routes) this.stallNew(this.flows.reevaluate(flowClass => this.restamp(flowClass)));
	}

	private probeGateways(): void {
		this.refresh();
		if (this.routing.probe()) this.stallNew(this.flows.reroute());
	}

	private findLans(): Array<{interface: string; hosts: number[]}> {
		const routed = this.routing.routedInterfaces();
		return this.view.connected
			.filter(network => this.lanOverride ? this.lanOverride.includes(network.interface) : !routed.has(network.interface) && isPrivate(network.address))
			.map(network => {
				const size = network.network.high - network.network.low - 1;
				const first = network.network.low + Math.min(10, Math.max(1, size - this.hosts));
				const hosts: number[] = [];
				for (let index = 0; index < Math.min(this.hosts, size); index++) {
					const address = first + index;
					if (address !== network.address && address < network.network.high) hosts.push(address);
				}
				return {interface: network.interface, hosts};
			})
			.filter(lan => lan.hosts.length > 0);
	}

	// ---- traffic ----

	private tick(now: number): void {
		this.refresh();
		this.conntrack.now = now;
		this.conntrack.takeDue(now, slot => this.onEvent(slot, now));
		const elapsed = now - this.lastTick;
		this.lastTick = now;
		this.carry += (this.rate * elapsed) / 1000;
		const count = Math.floor(this.carry);
		this.carry -= count;
		this.openMany(count, now, false);
		this.accumulate(elapsed);
		if (elapsed > 0) this.showLoad(count / (elapsed / 1000));
	}

	private populate(count: number): void {
		this.openMany(count, this.clock.now(), true);
	}

	/** One new connection from a LAN host (mostly), the router itself, or the Internet. */
	private openOne(now: number, established: boolean): void {
		const roll = this.random.next();
		let direction: Direction = 'forward';
		if (roll >= 0.97 || this.lans.length === 0) direction = roll >= 0.985 ? 'local-in' : 'local-out';
		let draw: FlowDraw;
		let src: number;
		let inInterface: string | undefined;
		if (direction === 'forward') {
			const lan = this.random.pick(this.lans);
			draw = this.traffic.forward();
			// Connections already open at start are the long-lived kind: no minutes-old DNS query.
			for (let tries = 0; established && draw.lifetime < 1000 && tries < 8; tries++) draw = this.traffic.forward();
			src = this.random.pick(lan.hosts);
			inInterface = lan.interface;
		} else if (direction === 'local-out') {
			draw = this.traffic.localOut();
			const path = this.routing.lookup(undefined, draw.dst, 0, undefined, 0);
			src = path ? this.view.addressOn(path.interface) ?? 0 : 0;
			if (!path || src === 0) return;
		} else {
			const wans = this.routing.uplinks().filter(name => this.view.addressOn(name) !== undefined);
			if (wans.length === 0) return;
			inInterface = this.random.pick(wans);
			const inbound = this.traffic.localIn();
			draw = {...inbound, dst: this.view.addressOn(inInterface)!};
			src = inbound.src;
		}
		let age = 0;
		if (established) ({draw, age} = this.traffic.established(draw));
		this.open(direction, draw, src, inInterface, now - age);
	}

	private open(direction: Direction, draw: FlowDraw, src: number, inInterface: string | undefined, createdAt: number): void {
		const tuple: Tuple = {protocol: protocolNumbers[draw.protocol], src, dst: draw.dst, srcPort: draw.srcPort, dstPort: draw.dstPort};
		const {flowClass, firstHits, natAddress, dstNat} = this.flows.classify(direction, tuple, inInterface);
		this.classified++;
		for (const item of firstHits) this.countRule(item, draw.firstBytes, 1);
		for (const item of flowClass.fasttrackHits) this.countRule(item, origPacket, 1);
		const now = this.clock.now();
		const stalled = flowClass.stalled;
		const tcp = draw.protocol === 'tcp';
		let endAt = createdAt + draw.lifetime;
		let expiresAt: number;
		if (stalled) {
			// Nothing answers: a TCP client resends its SYN a few times, then gives up.
			endAt = now + (tcp ? 3000 : 1000);
			expiresAt = endAt + (tcp ? trackingTimeouts.tcpSynSent : this.udpTimeout());
		} else {
			expiresAt = endAt + this.closingTimeout(draw);
		}
		if (expiresAt <= now) return;
		const spec: NewConnection = {
			protocol: draw.protocol,
			src,
			srcPort: draw.srcPort,
			dst: draw.dst,
			dstPort: draw.dstPort,
			natAddress,
			dstNat,
			mark: flowClass.mark,
			outInterface: flowClass.direction === 'local-in' ? flowClass.inInterface : flowClass.path?.interface,
			flowClass: flowClass.id,
			tcpState: tcp && stalled ? 'syn-sent' : 'established',
			seenReply: !stalled,
			assured: !stalled && (tcp || draw.stream),
			fasttrack: flowClass.fasttrack,
			createdAt,
			endAt,
			expiresAt,
			stallAt: stalled ? createdAt : Number.POSITIVE_INFINITY,
			origRate: stalled ? 60 : draw.origRate,
			replRate: stalled ? 0 : draw.replRate,
			firstBytes: draw.firstBytes,
		};
		const slot = this.conntrack.add(spec);
		if (slot === undefined) {
			this.dropped++;
			return;
		}
		if (slot >= this.counted.length) {
			const grown = new Uint8Array(Math.max(slot + 1, this.counted.length * 2));
			grown.set(this.counted);
			this.counted = grown;
		}
		if (endAt > now) {
			this.counted[slot] = 1;
			flowClass.origRate += spec.origRate;
			flowClass.replRate += spec.replRate;
			this.conntrack.schedule(slot, endAt);
		} else {
			this.counted[slot] = 0;
			this.conntrack.schedule(slot, expiresAt);
		}
	}

	private udpTimeout(): number {
		return this.router.version.major >= 7 ? 30_000 : trackingTimeouts.udp;
	}

	private closingTimeout(draw: FlowDraw): number {
		if (draw.protocol === 'tcp') return trackingTimeouts.tcpTimeWait;
		if (draw.protocol === 'udp') return draw.stream ? trackingTimeouts.udpStream : this.udpTimeout();
		return trackingTimeouts.icmp;
	}

	/** A connection's end of sending, or its expiry. */
	private onEvent(slot: number, now: number): void {
		if (this.counted[slot] === 1) {
			const end = this.conntrack.endOf(slot);
			if (end > now) {
				this.conntrack.schedule(slot, end);
				return;
			}
			this.uncount(slot);
		}
		const expiry = this.conntrack.expiryOf(slot);
		if (expiry > now) this.conntrack.schedule(slot, expiry);
		else this.conntrack.release(slot);
	}

	private uncount(slot: number): void {
		if (this.counted[slot] !== 1) return;
		this.counted[slot] = 0;
		const flowClass = this.flows.all.get(this.conntrack.flowClassOf(slot));
		if (!flowClass) return;
		const rates = this.conntrack.ratesOf(slot);
		flowClass.origRate = Math.max(0, flowClass.origRate - rates.orig);
		flowClass.replRate = Math.max(0, flowClass.replRate - rates.repl);
	}

	/** Conntrack is about to drop a slot (expiry, a client's remove, a flush). */
	private forget(slot: number): void {
		this.uncount(slot);
	}

	/** Classes that just lost their way: their connections stop getting replies and give up soon. */
	private stallNew(classes: FlowClass[]): void {
		const now = this.clock.now();
		for (const flowClass of classes) {
			for (const slot of this.conntrack.slotsOfClass(flowClass.id)) {
				if (this.counted[slot] !== 1) continue;
				this.conntrack.setStall(slot, Math.min(this.conntrack.stallOf(slot), now));
				const tcp = this.conntrack.tuple(slot).protocol === 'tcp';
				const end = Math.min(this.conntrack.endOf(slot), now + (tcp ? giveUpMs.tcp : giveUpMs.other));
				this.conntrack.setEnd(slot, end, end + (tcp ? trackingTimeouts.tcpTimeWait : this.udpTimeout()));
				this.conntrack.schedule(slot, end);
			}
		}
	}

	/** A class's connections take its new mark and fast-path state. */
	private restamp(flowClass: FlowClass): void {
		for (const slot of this.conntrack.slotsOfClass(flowClass.id)) {
			this.conntrack.setMark(slot, flowClass.mark);
			this.conntrack.setFasttrack(slot, flowClass.fasttrack);
		}
	}

	/**
	 * A router's CPU works per new connection and per tracked one: a rough, steady figure
	 * that rises with the rate and the table, for `/system/resource` cpu-load.
	 */
	private showLoad(newPerSecond: number): void {
		if (this.router.cpuLoad === undefined) return;
		const target = Math.min(100, 1 + newPerSecond / 200 + this.conntrack.size / 20_000);
		this.load = this.load * 0.9 + target * 0.1;
		this.router.cpuLoad = Math.round(this.load);
	}

	// ---- counters ----

	private accumulate(elapsed: number): void {
		if (elapsed <= 0) return;
		const fastPath = this.router.table(paths.filter).items.find(isFasttrackCounterRow);
		for (const flowClass of this.flows.all.values()) {
			if (flowClass.origRate === 0 && flowClass.replRate === 0) continue;
			const origBytes = (flowClass.origRate * elapsed) / 1000;
			const replyBytes = flowClass.stalled ? 0 : (flowClass.replRate * elapsed) / 1000;
			const origPackets = origBytes / origPacket;
			const replyPackets = replyBytes / replyPacket;
			if (flowClass.fasttrack && fastPath) this.countRule(fastPath, origBytes + replyBytes, origPackets + replyPackets);
			for (const item of flowClass.origHits) this.countRule(item, origBytes, origPackets);
			if (replyBytes > 0) for (const item of flowClass.replyHits) this.countRule(item, replyBytes, replyPackets);
			const wan = flowClass.direction === 'local-in' ? flowClass.inInterface : flowClass.path?.interface;
			const replyOut = flowClass.direction === 'local-in' ? flowClass.replyInterface : flowClass.inInterface;
			if (flowClass.direction !== 'local-out') this.countInterface(flowClass.inInterface, 'rx', origBytes, origPackets);
			if (flowClass.direction !== 'local-in') this.countInterface(flowClass.path?.interface, 'tx', origBytes, origPackets);
			if (replyBytes > 0) {
				this.countInterface(wan, 'rx', replyBytes, replyPackets);
				if (flowClass.direction === 'forward' || flowClass.direction === 'local-in') this.countInterface(replyOut, 'tx', replyBytes, replyPackets);
			}
		}
		this.flushInterfaces(elapsed);
	}

	/** Rule counters move in whole packets and bytes; the fractions wait for the next tick. */
	private countRule(item: Item, bytes: number, packets: number): void {
		let counter = this.ruleCounters.get(item);
		if (!counter) this.ruleCounters.set(item, (counter = {bytes: 0, packets: 0}));
		counter.bytes += bytes;
		counter.packets += packets;
		const wholeBytes = Math.floor(counter.bytes);
		const wholePackets = Math.floor(counter.packets);
		counter.bytes -= wholeBytes;
		counter.packets -= wholePackets;
		item.bytes = (item.bytes ?? 0) + wholeBytes;
		item.packets = (item.packets ?? 0) + wholePackets;
	}

	private countInterface(name: string | undefined, direction: 'rx' | 'tx', bytes: number, packets: number): void {
		if (name === undefined) return;
		addTraffic(this.interfaceCounters, name, direction, bytes, packets);
		// This tick's alone too, for the rates monitor-traffic shows.
		addTraffic(this.tickTraffic, name, direction, bytes, packets);
	}

	private flushInterfaces(elapsed: number): void {
		const perSecond = 1000 / elapsed;
		for (const [name, item] of this.view.interfaces) {
			const tick = this.tickTraffic.get(name);
			item.rates = tick && {
				rxBits: tick.rxBytes * 8 * perSecond,
				txBits: tick.txBytes * 8 * perSecond,
				rxPackets: tick.rxPackets * perSecond,
				txPackets: tick.txPackets * perSecond,
			};
		}
		this.tickTraffic.clear();
		for (const [name, counter] of this.interfaceCounters) {
			const item = this.view.interfaces.get(name);
			if (!item) continue;
			const add = (field: string, key: keyof InterfaceCounter) => {
				const whole = Math.floor(counter[key]);
				if (whole === 0) return;
				counter[key] -= whole;
				item.fields[field] = String(Number(item.fields[field] ?? 0) + whole);
			};
			add('rx-byte', 'rxBytes');
			add('tx-byte', 'txBytes');
			add('rx-packet', 'rxPackets');
			add('tx-packet', 'txPackets');
		}
	}
}

function addTraffic(counters: Map<string, InterfaceCounter>, name: string, direction: 'rx' | 'tx', bytes: number, packets: number): void {
	let counter = counters.get(name);
	if (!counter) counters.set(name, (counter = {rxBytes: 0, txBytes: 0, rxPackets: 0, txPackets: 0}));
	if (direction === 'rx') {
		counter.rxBytes += bytes;
		counter.rxPackets += packets;
	} else {
		counter.txBytes += bytes;
		counter.txPackets += packets;
	}
}
