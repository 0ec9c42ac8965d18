/*
 * IPv4 notation (dotted quad, address/length), shared by the client and the simulator on
 * purpose: it is the internet's notation, not RouterOS's, so there is nothing of the router
 * here for two readings to disagree about. Everything that says what RouterOS accepts, prints
 * or means stays each side's own (docs/simulator.md, "What the simulator shares with the
 * client, and why"). Keep this folder to such code.
 */

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
