import type {Fields} from './item.js';

/** One tracked connection, as the traffic engine keeps it. */
export interface Connection {
	id: number;
	protocol: 'tcp' | 'udp' | 'icmp';
	srcAddress: string;
	srcPort: number;
	dstAddress: string;
	dstPort: number;
	/** Connection mark; undefined when unmarked. */
	mark: string | undefined;
	/** Interface the connection leaves by, after NAT and routing; undefined until routed. */
	outInterface: string | undefined;
	/** Address masquerade rewrote the source to; undefined without src-nat. */
	natAddress: string | undefined;
	tcpState: string | undefined;
	/** Simulated-clock ms. */
	createdAt: number;
	expiresAt: number;
	origPackets: number;
	origBytes: number;
	replPackets: number;
	replBytes: number;
	/** True while its gateway does not answer: packets go out, nothing comes back. */
	stalled: boolean;
}

/**
 * The connection table of the simulated router. It must hold a million entries and answer
 * count-only by mark from an index, never by a scan.
 */
export interface ConnTrackStore {
	readonly size: number;
	/** Connections carrying `mark`; `undefined` counts the unmarked ones. */
	countByMark(mark: string | undefined): number;
	/** Every mark currently in use, unmarked excluded. */
	marks(): string[];
	/** Ids of the connections carrying `mark`, from the index. */
	idsByMark(mark: string | undefined): Iterable<number>;
	values(): Iterable<Connection>;
	get(id: number): Connection | undefined;
	remove(id: number): boolean;
	/** Removes every connection (a router reboot). */
	clear(): void;
	/** The row `/ip/firewall/connection/print` shows for it at simulated time `now`. */
	format(connection: Connection, now: number): Fields;
}
