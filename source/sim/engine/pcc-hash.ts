import type {HashFields} from '../../pcc/types.js';
import type {ValidClassifier} from '../../pcc/types.js';

/**
 * PCC's hash over the fields a classifier names. RouterOS's own hash function is not
 * published; what matters for behaviour is that it is deterministic per connection (every
 * packet of a flow lands in one bucket), depends only on the named fields (one host with
 * `src-address` always lands in one bucket) and is well mixed (buckets get their share).
 * Murmur3's mixing steps give that.
 */
export interface HashInput {
	src: number;
	dst: number;
	srcPort: number;
	dstPort: number;
}

function mix(hash: number, value: number): number {
	let k = Math.imul(value, 0xcc9e2d51);
	k = (k << 15) | (k >>> 17);
	k = Math.imul(k, 0x1b873593);
	let h = hash ^ k;
	h = (h << 13) | (h >>> 19);
	return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(hash: number): number {
	let h = hash ^ (hash >>> 16);
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

const seed = 0x9747b28c;

const hashers: Record<HashFields, (input: HashInput) => number> = {
	'src-address': input => finish(mix(seed, input.src)),
	'dst-address': input => finish(mix(seed, input.dst)),
	'both-addresses': input => finish(mix(mix(seed, input.src), input.dst)),
	'src-port': input => finish(mix(seed, input.srcPort)),
	'dst-port': input => finish(mix(seed, input.dstPort)),
	'both-ports': input => finish(mix(mix(seed, input.srcPort), input.dstPort)),
	'src-address-and-port': input => finish(mix(mix(seed, input.src), input.srcPort)),
	'dst-address-and-port': input => finish(mix(mix(seed, input.dst), input.dstPort)),
	'both-addresses-and-ports': input => finish(mix(mix(mix(mix(seed, input.src), input.dst), input.srcPort), input.dstPort)),
};

export function pccHash(fields: HashFields, input: HashInput): number {
	return hashers[fields](input);
}

/** The matcher for one valid classifier: hash % denominator == remainder, inverted by `!`. */
export function pccMatcher(classifier: ValidClassifier): (input: HashInput) => boolean {
	const hash = hashers[classifier.hash];
	const {denominator, negated} = classifier;
	const remainder = classifier.remainders[0];
	return input => (hash(input) % denominator === remainder) !== negated;
}
