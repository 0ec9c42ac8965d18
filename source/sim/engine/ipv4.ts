import {parseIpv4, parsePrefix} from '../../pcc/shared/ipv4.js';

/** IPv4 addresses are unsigned 32-bit numbers here: compact in typed arrays and cheap to compare. */

/** An inclusive range of addresses. */
export interface IpRange {
	low: number;
	high: number;
}

export function prefixRange(address: number, length: number): IpRange {
	const size = 2 ** (32 - length);
	const low = Math.floor(address / size) * size;
	return {low, high: low + size - 1};
}

/**
 * What RouterOS accepts for src-address/dst-address, route dst-address and address-list
 * entries: `1.2.3.4`, `1.2.3.0/24`, `1.2.3.4-1.2.3.9`. Undefined for anything else (DNS names).
 */
export function parseIpRange(text: string): IpRange | undefined {
	const trimmed = text.trim();
	const dash = trimmed.indexOf('-');
	if (dash !== -1) {
		const low = parseIpv4(trimmed.slice(0, dash));
		const high = parseIpv4(trimmed.slice(dash + 1));
		return low !== undefined && high !== undefined && low <= high ? {low, high} : undefined;
	}
	const prefix = parsePrefix(trimmed);
	return prefix && prefixRange(prefix.address, prefix.length);
}

export function inRange(address: number, range: IpRange): boolean {
	return address >= range.low && address <= range.high;
}

const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map(text => parseIpRange(text)!);

/** Addresses an ISP does not route back: a LAN source must be NATed to get replies. */
export function isPrivate(address: number): boolean {
	return privateRanges.some(range => inRange(address, range));
}
