/*
 * The simulated router's own reading of a `per-connection-classifier` value. The client reads
 * the same values with source/pcc/classifier.ts; the two are kept apart on purpose: the sim is
 * what the client is tested against, and one parser serving both would make a misreading pass
 * every test (docs/simulator.md, "What the simulator shares with the client, and why").
 */

/** A part of a connection's tuple that PCC can hash. */
export type TuplePart = 'src' | 'dst' | 'srcPort' | 'dstPort';

/** The field sets PCC can hash, as the manual names them, and the parts each reads, in order. */
export const hashedParts = {
	'src-address': ['src'],
	'dst-address': ['dst'],
	'both-addresses': ['src', 'dst'],
	'src-port': ['srcPort'],
	'dst-port': ['dstPort'],
	'both-ports': ['srcPort', 'dstPort'],
	'src-address-and-port': ['src', 'srcPort'],
	'dst-address-and-port': ['dst', 'dstPort'],
	'both-addresses-and-ports': ['src', 'dst', 'srcPort', 'dstPort'],
} as const satisfies Record<string, readonly TuplePart[]>;

export type HashFields = keyof typeof hashedParts;

export const hashFields = Object.keys(hashedParts) as HashFields[];

/** A classifier the router accepted: hash % denominator == remainder, inverted by `!`. */
export interface PccClassifier {
	negated: boolean;
	hash: HashFields;
	denominator: number;
	remainder: number;
}

const maxUint32 = 4_294_967_295;

/** Plain decimal digits in min..2^32-1: the router takes no sign, space or hex here. */
function decimal(text: string, min: number): number | undefined {
	const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
	return value >= min && value <= maxUint32 ? value : undefined;
}

/**
 * `[!]fields:denominator/remainder` with exactly one remainder, or the trap text the router
 * refuses anything else with. Its exact wording on a real router is not confirmed; it follows
 * RouterOS's usual `invalid value ...` and says what would be accepted.
 */
export function readClassifier(text: string): PccClassifier | {error: string} {
	const source = text.trim();
	const negated = source.startsWith('!');
	const body = negated ? source.slice(1) : source;
	const refuse = (why: string) => ({error: `invalid value for argument per-connection-classifier: ${why}`});
	const colon = body.lastIndexOf(':');
	if (colon === -1) return refuse(`"${source}" (expected fields:denominator/remainder)`);
	const hash = hashFields.find(name => name === body.slice(0, colon));
	if (!hash) return refuse(`unknown hash fields "${body.slice(0, colon)}" (one of ${hashFields.join(', ')})`);
	const [denominatorText, ...afterSlash] = body.slice(colon + 1).split('/');
	const remainderText = afterSlash.join('/');
	const denominator = decimal(denominatorText, 1);
	if (denominator === undefined) return refuse(`denominator "${denominatorText}" out of range (1..${maxUint32})`);
	if (remainderText.includes(',')) return refuse(`"${remainderText}" is a list; give one remainder per rule`);
	const remainder = decimal(remainderText, 0);
	if (remainder === undefined) return refuse(`remainder "${remainderText}" out of range (0..${maxUint32})`);
	return {negated, hash, denominator, remainder};
}

/** The value as the router stores and prints it: `!both-addresses:3/1`. */
export function printClassifier(classifier: PccClassifier): string {
	return `${classifier.negated ? '!' : ''}${classifier.hash}:${classifier.denominator}/${classifier.remainder}`;
}
