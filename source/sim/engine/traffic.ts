import type {Random} from './random.js';

/**
 * What simulated hosts do: which protocol and port a new connection uses, where it goes,
 * how long it lives and how fast it moves bytes. All draws come from the seeded source.
 */

export type Direction = 'forward' | 'local-out' | 'local-in';

export interface FlowDraw {
	protocol: 'tcp' | 'udp' | 'icmp';
	dst: number;
	dstPort: number;
	srcPort: number;
	/** How long it keeps sending, ms. */
	lifetime: number;
	/** Bytes per second each way while it does. */
	origRate: number;
	replRate: number;
	firstBytes: number;
	/** A UDP flow that sees traffic both ways for a while (udp-stream-timeout applies). */
	stream: boolean;
}

/** Public /8s the simulated Internet's servers live in: never a LAN or a documentation net. */
const publicBlocks = [13, 17, 23, 31, 34, 35, 40, 44, 52, 54, 64, 66, 69, 74, 104, 142, 151, 157, 162, 185, 199, 208, 216];

export class TrafficModel {
	/** Popular servers: a few get most connections, as on a real network. */
	private readonly servers: number[];
	private readonly resolvers: number[];

	constructor(private readonly random: Random) {
		// Every demo start draws these first: one loop, and two draws an address without the
		// helpers' calls, the same numbers a few milliseconds sooner before any code is warm.
		this.servers = new Array<number>(4000);
		for (let index = 0; index < this.servers.length; index++) this.servers[index] = this.publicAddress();
		this.resolvers = [0x08080808, 0x01010101, 0x09090909];
	}

	/** `pick(publicBlocks)`, then `int(2^24)`, as two plain draws. */
	publicAddress(): number {
		const block = publicBlocks[Math.floor(this.random.next() * publicBlocks.length)];
		return block * 16_777_216 + Math.floor(this.random.next() * 16_777_216);
	}

	private server(): number {
		// Power law over the server list: index ~ n·u³ favours the first few strongly.
		const u = this.random.next();
		return this.random.chance(0.15) ? this.publicAddress() : this.servers[Math.floor(this.servers.length * u * u * u)];
	}

	private ephemeralPort(): number {
		return 32_768 + this.random.int(28_232);
	}

	/** A LAN host's connection to the Internet. */
	forward(): FlowDraw {
		const roll = this.random.next();
		if (roll < 0.62) return this.tcp(this.server(), this.random.chance(0.8) ? 443 : this.random.chance(0.7) ? 80 : this.random.pick([22, 993, 587, 5222, 8080]));
		if (roll < 0.80) return this.quic(this.server());
		if (roll < 0.96) return this.dns(this.random.pick(this.resolvers));
		return this.random.chance(0.5) ? this.ntp(this.server()) : this.ping(this.server());
	}

	/** The router's own traffic: DNS, NTP, a ping now and then. */
	localOut(): FlowDraw {
		const roll = this.random.next();
		if (roll < 0.6) return this.dns(this.random.pick(this.resolvers));
		if (roll < 0.85) return this.ntp(this.server());
		return this.tcp(this.server(), 443);
	}

	/** Someone on the Internet reaching the router (management, VPN): source is remote. */
	localIn(): FlowDraw & {src: number} {
		const flow = this.tcp(0, this.random.pick([8291, 443, 1723, 22]));
		return {...flow, src: this.publicAddress(), dst: 0};
	}

	/** A connection that has been open a while already when the simulation starts. */
	established(draw: FlowDraw): {draw: FlowDraw; age: number} {
		const age = this.random.between(0, 600_000);
		const remaining = this.random.exponential(draw.protocol === 'tcp' ? 900_000 : 120_000);
		return {draw: {...draw, lifetime: remaining + age}, age};
	}

	private tcp(dst: number, dstPort: number): FlowDraw {
		const roll = this.random.next();
		// Mostly short web requests, some minutes-long sessions, a few long-lived ones.
		const lifetime = roll < 0.7 ? 200 + this.random.exponential(6000) : roll < 0.95 ? this.random.exponential(90_000) : this.random.exponential(1_200_000);
		const streaming = roll >= 0.95 && this.random.chance(0.1);
		const replRate = roll < 0.7 ? this.random.between(20_000, 400_000) : streaming ? this.random.between(300_000, 1_000_000) : this.random.between(200, 20_000);
		return {protocol: 'tcp', dst, dstPort, srcPort: this.ephemeralPort(), lifetime, origRate: replRate * this.random.between(0.03, 0.12), replRate, firstBytes: 60, stream: false};
	}

	private quic(dst: number): FlowDraw {
		const replRate = this.random.between(10_000, 600_000);
		return {protocol: 'udp', dst, dstPort: 443, srcPort: this.ephemeralPort(), lifetime: 100 + this.random.exponential(40_000), origRate: replRate * 0.08, replRate, firstBytes: 1250, stream: true};
	}

	private dns(dst: number): FlowDraw {
		return {protocol: 'udp', dst, dstPort: 53, srcPort: this.ephemeralPort(), lifetime: 30 + this.random.exponential(40), origRate: 1500, replRate: 4000, firstBytes: 70, stream: false};
	}

	private ntp(dst: number): FlowDraw {
		return {protocol: 'udp', dst, dstPort: 123, srcPort: 123, lifetime: 50, origRate: 1000, replRate: 1000, firstBytes: 76, stream: false};
	}

	private ping(dst: number): FlowDraw {
		return {protocol: 'icmp', dst, dstPort: 0, srcPort: 0, lifetime: 1000 + this.random.exponential(4000), origRate: 84, replRate: 84, firstBytes: 84, stream: false};
	}
}
