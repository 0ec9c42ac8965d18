/** One packet as the firewall and routing see it; the engine reuses one object per evaluation. */
export type ConnectionState = 'new' | 'established' | 'related' | 'invalid' | 'untracked';

export const natSrc = 1;
export const natDst = 2;

/** A mark as a rule or a script names it: `no-mark` (or nothing) is RouterOS's "carries no mark". */
export function markNamed(text: string): string | undefined {
	return text === '' || text === 'no-mark' ? undefined : text;
}

export interface Packet {
	/** IP protocol number: 6 tcp, 17 udp, 1 icmp. */
	protocol: number;
	src: number;
	dst: number;
	srcPort: number;
	dstPort: number;
	inInterface: string | undefined;
	outInterface: string | undefined;
	state: ConnectionState;
	connectionMark: string | undefined;
	routingMark: string | undefined;
	packetMark: string | undefined;
	/** natSrc | natDst: which NAT the connection has had. */
	natState: number;
	/** Set by a NAT rule that fires: the action and its to-addresses. */
	nat: {action: string; toAddresses: string | undefined} | undefined;
	/** Set by a `fasttrack-connection` rule: the connection's later packets take the fast path. */
	fasttrack: boolean;
	size: number;
}

export function newPacket(): Packet {
	return {
		protocol: 6,
		src: 0,
		dst: 0,
		srcPort: 0,
		dstPort: 0,
		inInterface: undefined,
		outInterface: undefined,
		state: 'new',
		connectionMark: undefined,
		routingMark: undefined,
		packetMark: undefined,
		natState: 0,
		nat: undefined,
		fasttrack: false,
		size: 60,
	};
}

export const protocolNumbers: Record<string, number> = {
	icmp: 1,
	igmp: 2,
	ipip: 4,
	tcp: 6,
	udp: 17,
	gre: 47,
	'ipsec-esp': 50,
	'ipsec-ah': 51,
	icmpv6: 58,
	ospf: 89,
	pim: 103,
	vrrp: 112,
	l2tp: 115,
	sctp: 132,
	'udp-lite': 136,
};
