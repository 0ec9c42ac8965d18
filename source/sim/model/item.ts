/**
 * One row of a simulated menu. Fields hold the values exactly as RouterOS prints them
 * (strings; booleans as true/false); absent means unset. Ids are numbers internally and
 * `*HEX` on the wire.
 */
export type Fields = Record<string, string>;

export interface Item {
	id: number;
	fields: Fields;
	/** Firewall rule counters; shown only with =stats=. */
	bytes?: number;
	packets?: number;
	/** An interface's traffic per second, as the traffic engine last measured it. */
	rates?: {rxBits: number; txBits: number; rxPackets: number; txPackets: number};
}

export function formatId(id: number): string {
	return `*${id.toString(16).toUpperCase()}`;
}

export function parseId(text: string): number | undefined {
	const match = /^\*([0-9A-Fa-f]{1,8})$/.exec(text.trim());
	return match ? Number.parseInt(match[1], 16) : undefined;
}
