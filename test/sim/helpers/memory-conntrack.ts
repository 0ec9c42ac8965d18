import type {Connection, ConnTrackStore} from '../../../source/sim/model/conntrack.js';
import type {Fields} from '../../../source/sim/model/item.js';

/**
 * A small connection table for command-layer tests: connections indexed by mark, formatted
 * with the fields the monitor reads. `scans` counts walks over every entry, so a test can
 * show that an answer came from the index.
 */
export class MemoryConnTrack implements ConnTrackStore {
	scans = 0;
	private readonly byId = new Map<number, Connection>();
	private readonly byMark = new Map<string | undefined, Set<number>>();
	private nextId = 1;

	get size(): number {
		return this.byId.size;
	}

	add(partial: Partial<Connection> = {}): Connection {
		const id = this.nextId++;
		const connection: Connection = {
			id,
			protocol: 'tcp',
			srcAddress: '192.168.88.10',
			srcPort: 40_000 + (id % 20_000),
			dstAddress: '93.184.216.34',
			dstPort: 443,
			mark: undefined,
			outInterface: undefined,
			natAddress: undefined,
			tcpState: 'established',
			createdAt: 0,
			expiresAt: 86_400_000,
			origPackets: 10,
			origBytes: 1000,
			replPackets: 20,
			replBytes: 20_000,
			stalled: false,
			...partial,
		};
		this.byId.set(id, connection);
		this.bucket(connection.mark).add(id);
		return connection;
	}

	countByMark(mark: string | undefined): number {
		return this.byMark.get(mark)?.size ?? 0;
	}

	marks(): string[] {
		return [...this.byMark.keys()].filter((mark): mark is string => mark !== undefined && this.countByMark(mark) > 0);
	}

	idsByMark(mark: string | undefined): Iterable<number> {
		return [...(this.byMark.get(mark) ?? [])];
	}

	*values(): Iterable<Connection> {
		this.scans++;
		yield* this.byId.values();
	}

	get(id: number): Connection | undefined {
		return this.byId.get(id);
	}

	remove(id: number): boolean {
		const connection = this.byId.get(id);
		if (!connection) return false;
		this.byId.delete(id);
		this.byMark.get(connection.mark)?.delete(id);
		return true;
	}

	clear(): void {
		this.byId.clear();
		this.byMark.clear();
	}

	format(connection: Connection, now: number): Fields {
		const fields: Fields = {
			protocol: connection.protocol,
			'src-address': `${connection.srcAddress}:${connection.srcPort}`,
			'dst-address': `${connection.dstAddress}:${connection.dstPort}`,
			timeout: `${Math.max(0, Math.round((connection.expiresAt - now) / 1000))}s`,
			'orig-bytes': String(connection.origBytes),
			'repl-bytes': String(connection.replBytes),
		};
		if (connection.tcpState) fields['tcp-state'] = connection.tcpState;
		if (connection.mark !== undefined) fields['connection-mark'] = connection.mark;
		return fields;
	}

	private bucket(mark: string | undefined): Set<number> {
		let set = this.byMark.get(mark);
		if (!set) this.byMark.set(mark, (set = new Set()));
		return set;
	}
}
