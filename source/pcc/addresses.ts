import {parseIpv4, parsePrefix} from './shared/ipv4.js';

export function prefixContains(prefix: string, address: string): boolean {
	const network = parsePrefix(prefix);
	const host = parseIpv4(address);
	if (!network || host === undefined) return false;
	if (network.length === 0) return true;
	const mask = (0xffffffff << (32 - network.length)) >>> 0;
	return ((network.address & mask) >>> 0) === ((host & mask) >>> 0);
}

/** Whether a route's dst-address is a host route for this address. */
export function isHostRouteTo(dstAddress: string | undefined, host: string): boolean {
	if (!dstAddress) return false;
	const prefix = parsePrefix(dstAddress);
	const address = parseIpv4(host);
	return prefix !== undefined && address !== undefined && prefix.length === 32 && prefix.address === address;
}
