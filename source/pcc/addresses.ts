/** IPv4 text → 32-bit number, or undefined for anything else (IPv6, names). */
export function parseIpv4(text: string): number | undefined {
	const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
	if (!match) return undefined;
	const octets = match.slice(1).map(Number);
	if (octets.some(octet => octet > 255)) return undefined;
	return ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
}

/** `10.0.0.2/24` or `10.0.0.0/24` or a bare address (a /32). */
export function parsePrefix(text: string): {address: number; length: number} | undefined {
	const [address, length = '32'] = text.trim().split('/');
	const parsed = parseIpv4(address);
	const bits = Number(length);
	if (parsed === undefined || !/^\d{1,2}$/.test(length) || bits > 32) return undefined;
	return {address: parsed, length: bits};
}

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
