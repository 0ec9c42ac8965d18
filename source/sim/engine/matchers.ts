import {hashedParts, hashFields, readClassifier, type HashFields, type TuplePart} from '../model/classifier.js';
import type {Fields} from '../model/item.js';
import {parseIpRange} from './ipv4.js';
import type {NetworkView} from './network.js';
import {markNamed, protocolNumbers, type ConnectionState, type Packet} from './packet.js';
import {pccMatcher} from './pcc-hash.js';

export type Matcher = (packet: Packet) => boolean;

/**
 * Rule properties that configure the action or describe the rule; everything else matches.
 * The client decides the same question for its own reading of rules (pcc/chains.ts); this
 * list stays the simulator's own on purpose, so that a property one side takes for a matcher
 * and the other does not shows up as a difference in a test rather than agreeing twice
 * (docs/simulator.md).
 */
const notMatchers = new Set([
	'chain', 'action', 'comment', 'disabled', 'dynamic', 'invalid', 'log', 'log-prefix',
	'new-connection-mark', 'new-packet-mark', 'new-routing-mark', 'passthrough', 'jump-target',
	'address-list', 'address-list-timeout', 'to-addresses', 'to-ports', 'reject-with', 'bytes', 'packets',
	'new-dscp', 'new-mss', 'new-ttl', 'new-priority', 'route-dst', 'sniff-target', 'sniff-target-port',
	'sniff-id', 'randomise-ports', 'hw-offload',
]);

const addressTypes = new Set(['unicast', 'local', 'broadcast', 'multicast', 'blackhole', 'prohibit', 'unreachable']);
const states = new Set<ConnectionState>(['new', 'established', 'related', 'invalid', 'untracked']);

/** `!value` → [true, value]. */
function negation(text: string): [negated: boolean, value: string] {
	const trimmed = text.trim();
	return trimmed.startsWith('!') ? [true, trimmed.slice(1).trim()] : [false, trimmed];
}

function list(text: string): string[] {
	return text.split(',').map(part => part.trim()).filter(Boolean);
}

function portMatcher(text: string): ((port: number) => boolean) | undefined {
	const ranges: Array<[number, number]> = [];
	for (const part of list(text)) {
		const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
		if (!match) return undefined;
		ranges.push([Number(match[1]), Number(match[2] ?? match[1])]);
	}
	if (ranges.length === 0) return undefined;
	return port => ranges.some(([low, high]) => port >= low && port <= high);
}

function markMatcher(value: string, read: (packet: Packet) => string | undefined): Matcher {
	const mark = markNamed(value);
	return packet => read(packet) === mark;
}

function addressTypeMatcher(value: string, view: NetworkView, read: (packet: Packet) => number): Matcher | undefined {
	const types = list(value);
	if (types.length === 0 || types.some(type => !addressTypes.has(type))) return undefined;
	const tests = types.map((type): Matcher => {
		switch (type) {
			case 'local':
				return packet => view.local.has(read(packet));
			case 'broadcast':
				return packet => view.broadcast.has(read(packet));
			case 'multicast':
				return packet => read(packet) >>> 28 === 0xe;
			case 'unicast':
				return packet => {
					const address = read(packet);
					return address >>> 28 !== 0xe && !view.broadcast.has(address);
				};
			default:
				// blackhole/prohibit/unreachable destinations do not occur in the simulated traffic.
				return () => false;
		}
	});
	return packet => tests.some(test => test(packet));
}

/**
 * Builds the test for one matcher property, or undefined when the value is unusable, which
 * makes the whole rule invalid (RouterOS marks such rules `invalid` and skips them). A
 * matcher the simulator does not model (content, tcp-flags, ...) never matches, so a rule
 * that depends on it stays quiet rather than catching everything.
 */
function compileMatcher(name: string, rawValue: string, view: NetworkView): Matcher | undefined {
	if (name === 'per-connection-classifier') {
		const classifier = readClassifier(rawValue);
		return 'error' in classifier ? undefined : pccMatcher(classifier);
	}
	const [negated, value] = negation(rawValue);
	const positive = positiveMatcher(name, value, view);
	if (!positive) return undefined;
	return negated ? packet => !positive(packet) : positive;
}

function positiveMatcher(name: string, value: string, view: NetworkView): Matcher | undefined {
	switch (name) {
		case 'in-interface':
			return packet => view.isInterface(value, packet.inInterface);
		case 'out-interface':
			return packet => view.isInterface(value, packet.outInterface);
		case 'in-interface-list':
			return packet => view.inList(value, packet.inInterface);
		case 'out-interface-list':
			return packet => view.inList(value, packet.outInterface);
		case 'src-address':
		case 'dst-address': {
			const range = parseIpRange(value);
			if (!range) return undefined;
			const {low, high} = range;
			return name === 'src-address'
				? packet => packet.src >= low && packet.src <= high
				: packet => packet.dst >= low && packet.dst <= high;
		}
		case 'src-address-list':
			return packet => view.inAddressList(value, packet.src);
		case 'dst-address-list':
			return packet => view.inAddressList(value, packet.dst);
		case 'src-address-type':
			return addressTypeMatcher(value, view, packet => packet.src);
		case 'dst-address-type':
			return addressTypeMatcher(value, view, packet => packet.dst);
		case 'protocol': {
			const number = /^\d{1,3}$/.test(value) ? Number(value) : protocolNumbers[value];
			return number === undefined ? undefined : packet => packet.protocol === number;
		}
		case 'src-port':
		case 'dst-port':
		case 'port': {
			const test = portMatcher(value);
			if (!test) return undefined;
			const ported = (packet: Packet) => packet.protocol === 6 || packet.protocol === 17;
			if (name === 'src-port') return packet => ported(packet) && test(packet.srcPort);
			if (name === 'dst-port') return packet => ported(packet) && test(packet.dstPort);
			return packet => ported(packet) && (test(packet.srcPort) || test(packet.dstPort));
		}
		case 'connection-state': {
			const wanted = list(value);
			if (wanted.length === 0 || wanted.some(state => !states.has(state as ConnectionState))) return undefined;
			const set = new Set(wanted);
			return packet => set.has(packet.state);
		}
		case 'connection-nat-state': {
			const wanted = list(value);
			const bits = (wanted.includes('srcnat') ? 1 : 0) | (wanted.includes('dstnat') ? 2 : 0);
			return bits === 0 ? undefined : packet => (packet.natState & bits) !== 0;
		}
		case 'connection-mark':
			return markMatcher(value, packet => packet.connectionMark);
		case 'routing-mark':
			return markMatcher(value, packet => packet.routingMark);
		case 'packet-mark':
			return markMatcher(value, packet => packet.packetMark);
		default:
			return () => false;
	}
}

/** Which parts of a connection's tuple a rule's matchers read. */
export const tupleSrc = 1;
export const tupleDst = 2;
export const tupleSrcPort = 4;
export const tupleDstPort = 8;
export const tupleProtocol = 16;

const partMasks: Record<TuplePart, number> = {src: tupleSrc, dst: tupleDst, srcPort: tupleSrcPort, dstPort: tupleDstPort};

const hashMasks = Object.fromEntries(
	hashFields.map(fields => [fields, hashedParts[fields].reduce((mask, part) => mask | partMasks[part], 0)]),
) as Record<HashFields, number>;

function tupleMaskOf(name: string, value: string): number {
	if (name === 'per-connection-classifier') {
		const classifier = readClassifier(value);
		return 'error' in classifier ? 0 : hashMasks[classifier.hash];
	}
	if (name.startsWith('src-address')) return tupleSrc;
	if (name.startsWith('dst-address')) return tupleDst;
	if (name === 'src-port') return tupleSrcPort | tupleProtocol;
	if (name === 'dst-port') return tupleDstPort | tupleProtocol;
	if (name === 'port') return tupleSrcPort | tupleDstPort | tupleProtocol;
	if (name === 'protocol') return tupleProtocol;
	return 0;
}

/**
 * The tuple fields a rule can depend on for packets after the first: zero when its
 * connection-state excludes established packets (PCC rules with connection-state=new),
 * which lets the engine reuse what it worked out for one connection for its whole class.
 */
export function establishedTupleMask(fields: Fields): number {
	const state = fields['connection-state'];
	if (state !== undefined) {
		const [negated, value] = negation(state);
		if (list(value).includes('established') === negated) return 0;
	}
	let mask = 0;
	for (const [name, value] of Object.entries(fields)) mask |= tupleMaskOf(name, value);
	return mask;
}

/** Every matcher of a rule combined; undefined when one of them is unusable (invalid rule). */
export function compileMatchers(fields: Fields, view: NetworkView): Matcher | undefined {
	const tests: Matcher[] = [];
	// The hash is the dearest test: cheap interface/state/mark tests run first and usually decide.
	const entries = Object.entries(fields).sort(([a], [b]) => Number(a === 'per-connection-classifier') - Number(b === 'per-connection-classifier'));
	for (const [name, value] of entries) {
		if (notMatchers.has(name) || name.startsWith('.') || value === '') continue;
		const test = compileMatcher(name, value, view);
		if (!test) return undefined;
		tests.push(test);
	}
	switch (tests.length) {
		case 0:
			return () => true;
		case 1:
			return tests[0];
		case 2: {
			const [first, second] = tests;
			return packet => first(packet) && second(packet);
		}
		default:
			return packet => {
				for (const test of tests) if (!test(packet)) return false;
				return true;
			};
	}
}
