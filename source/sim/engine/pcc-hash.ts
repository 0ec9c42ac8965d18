import {hashedParts, hashFields, type HashFields, type PccClassifier, type TuplePart} from '../model/classifier.js';

/**
 * PCC's hash over the fields a classifier names. RouterOS's own hash function is not
 * published; what matters for behaviour is that it is deterministic per connection (every
 * packet of a flow lands in one bucket), depends only on the named fields (one host with
 * `src-address` always lands in one bucket) and is well mixed (buckets get their share).
 * Murmur3's mixing steps give that.
 */
export type HashInput = Record<TuplePart, number>;

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

/** The hash over some parts, written out per count: it runs for every new connection. */
function hasher(parts: readonly TuplePart[]): (input: HashInput) => number {
	const [a, b, c, d] = parts;
	switch (parts.length) {
		case 1:
			return input => finish(mix(seed, input[a]));
		case 2:
			return input => finish(mix(mix(seed, input[a]), input[b]));
		case 3:
			return input => finish(mix(mix(mix(seed, input[a]), input[b]), input[c]));
		default:
			return input => finish(mix(mix(mix(mix(seed, input[a]), input[b]), input[c]), input[d]));
	}
}

const hashers = Object.fromEntries(hashFields.map(fields => [fields, hasher(hashedParts[fields])])) as Record<
	HashFields,
	(input: HashInput) => number
>;

export function pccHash(fields: HashFields, input: HashInput): number {
	return hashers[fields](input);
}

/** The matcher for one valid classifier: hash % denominator == remainder, inverted by `!`. */
export function pccMatcher(classifier: PccClassifier): (input: HashInput) => boolean {
	const hash = hashers[classifier.hash];
	const {denominator, negated, remainder} = classifier;
	return input => (hash(input) % denominator === remainder) !== negated;
}
