import type {Classifier, HashFields} from './types.js';

/*
 * The client's reading of `per-connection-classifier` values. The simulator has its own
 * (sim/model/classifier.ts) on purpose: docs/simulator.md says why.
 */

export const hashFieldsNames: readonly HashFields[] = [
	'src-address',
	'dst-address',
	'both-addresses',
	'src-port',
	'dst-port',
	'both-ports',
	'src-address-and-port',
	'dst-address-and-port',
	'both-addresses-and-ports',
];

const maxUint32 = 4_294_967_295;

function isHashFields(text: string): text is HashFields {
	return (hashFieldsNames as readonly string[]).includes(text);
}

/** A decimal integer in 0..max, or undefined: RouterOS takes no signs, spaces or hex here. */
function parseBounded(text: string, min: number, max: number): number | undefined {
	if (!/^\d{1,10}$/.test(text)) return undefined;
	const value = Number(text);
	return value >= min && value <= max ? value : undefined;
}

/**
 * Reads `[!]fields:denominator/remainder` (manual "Per connection classifier"). Never throws:
 * text outside the grammar comes back with `valid: false` and whatever parts could be read,
 * so discovery can still show a seed-style `:10/0,1,2` rule and flag it.
 */
export function parseClassifier(text: string): Classifier {
	const source = text.trim();
	const negated = source.startsWith('!');
	const body = negated ? source.slice(1) : source;
	const colon = body.lastIndexOf(':');
	const fieldsText = colon === -1 ? body : body.slice(0, colon);
	const ratio = colon === -1 ? '' : body.slice(colon + 1);
	const slash = ratio.indexOf('/');
	const denominatorText = slash === -1 ? ratio : ratio.slice(0, slash);
	const remainderText = slash === -1 ? '' : ratio.slice(slash + 1);

	const hash = isHashFields(fieldsText) ? fieldsText : null;
	const denominator = parseBounded(denominatorText, 1, maxUint32) ?? null;
	const remainderParts = remainderText === '' ? [] : remainderText.split(',');
	const readable = remainderParts
		.map(part => parseBounded(part.trim(), 0, maxUint32))
		.filter((value): value is number => value !== undefined);
	const single = remainderParts.length === 1 ? parseBounded(remainderParts[0], 0, maxUint32) : undefined;

	if (hash !== null && denominator !== null && single !== undefined) {
		return {valid: true, negated, hash, denominator, remainders: [single]};
	}
	return {valid: false, negated, hash, denominator, remainders: readable, text: source};
}

/** The text RouterOS prints for a classifier; an invalid one prints as it was written. */
export function formatClassifier(classifier: Classifier): string {
	if (!classifier.valid) return classifier.text;
	const prefix = classifier.negated ? '!' : '';
	return `${prefix}${classifier.hash}:${classifier.denominator}/${classifier.remainders[0]}`;
}

/** Builds the value for one bucket, e.g. `both-addresses:3/2`. */
export function classifierFor(hash: HashFields, denominator: number, remainder: number, negated = false): string {
	return formatClassifier({valid: true, negated, hash, denominator, remainders: [remainder]});
}

/**
 * The error a router gives for a value outside the grammar, or undefined when it is valid.
 * The exact wording of the real router is not confirmed (docs/routeros-api.md, "PCC matcher syntax"); these
 * follow its usual `invalid value ...` style and say what would be accepted.
 */
export function classifierError(text: string): string | undefined {
	const parsed = parseClassifier(text);
	if (parsed.valid) return undefined;
	const source = parsed.text;
	const body = parsed.negated ? source.slice(1) : source;
	const colon = body.lastIndexOf(':');
	if (colon === -1) {
		return `invalid value for argument per-connection-classifier: "${source}" (expected fields:denominator/remainder)`;
	}
	if (parsed.hash === null) {
		return `invalid value for argument per-connection-classifier: unknown hash fields "${body.slice(0, colon)}" (one of ${hashFieldsNames.join(', ')})`;
	}
	const ratio = body.slice(colon + 1);
	const slash = ratio.indexOf('/');
	if (parsed.denominator === null) {
		const denominatorText = slash === -1 ? ratio : ratio.slice(0, slash);
		return `invalid value for argument per-connection-classifier: denominator "${denominatorText}" out of range (1..${maxUint32})`;
	}
	const remainderText = slash === -1 ? '' : ratio.slice(slash + 1);
	if (remainderText.includes(',')) {
		return `invalid value for argument per-connection-classifier: "${remainderText}" is a list; give one remainder per rule`;
	}
	return `invalid value for argument per-connection-classifier: remainder "${remainderText}" out of range (0..${maxUint32})`;
}
