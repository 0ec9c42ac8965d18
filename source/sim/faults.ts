/**
 * Ways the simulated router can misbehave, for testing clients against what real routers
 * and networks do. Set as server options, from the command line, or at run time through
 * the server's FaultController. Durations are in milliseconds.
 */
export interface FaultOptions {
	/** Write replies in chunks of 1, 2, ... N bytes, one socket write each, a loop turn apart. */
	tinyWrites?: number;
	/** Send each sentence's final 0x00 byte this many ms after the rest. */
	delayTerminator?: number;
	/** After this many reply sentences of one command, close the connection (FIN). */
	dropMidReply?: number;
	/**
	 * After this many reply sentences of one command, reset the connection (TCP RST). When
	 * the RST chases data, Linux sometimes shows the reader an EOF instead of ECONNRESET;
	 * 0 (reset before any reply) always reads as a reset.
	 */
	resetMidReply?: number;
	/** Read commands but never act on or answer them; the connection stays open. */
	stall?: boolean;
	/** Send every reply sentence this many ms after it was produced (round-trip latency). */
	slowReplies?: number;
	/** Send random bytes of the same size in place of every reply sentence. */
	garbage?: boolean;
	/** Put a word claiming 2 GiB in front of every reply sentence. */
	oversizedWord?: boolean;
	/** Answer the next command on any connection with `!fatal` and this reason, then close. Fires once. */
	fatal?: string;
	/** Every login fails with RouterOS's own message, whatever the credentials. */
	refuseLogin?: boolean;
	/** The API port is closed: connections are dropped and new ones refused until cleared. */
	closed?: boolean;
}

export type FaultName = keyof FaultOptions;

type Listener = (faults: Readonly<FaultOptions>) => void | Promise<void>;

const replyFaults: readonly FaultName[] = [
	'tinyWrites', 'delayTerminator', 'dropMidReply', 'resetMidReply', 'stall', 'slowReplies', 'garbage',
	'oversizedWord',
];
const requestFaults: readonly FaultName[] = ['stall', 'fatal'];

/** The faults in force on one server, readable on the hot path through two booleans. */
export class FaultController {
	/** True when some fault changes how replies are written; the one check per sentence sent. */
	affectsReplies = false;
	/** True when some fault changes how commands are taken; the one check per sentence read. */
	affectsRequests = false;
	/** Commands the stall fault has swallowed so far, so a test can tell they arrived. */
	stalledCommands = 0;
	private state: FaultOptions = {};
	private readonly listeners = new Set<Listener>();

	constructor(initial: FaultOptions = {}) {
		this.update({...initial});
	}

	get current(): Readonly<FaultOptions> {
		return this.state;
	}

	/** Turns faults on (or changes them); resolves once they are in effect (e.g. the port is closed). */
	async set(faults: FaultOptions): Promise<void> {
		await this.apply({...this.state, ...faults});
	}

	/** Clears the named faults, or all of them. */
	async clear(...names: FaultName[]): Promise<void> {
		const next = {...this.state};
		for (const name of names.length > 0 ? names : (Object.keys(next) as FaultName[])) delete next[name];
		await this.apply(next);
	}

	/** Consumes the one-shot `fatal` fault. */
	takeFatal(): string | undefined {
		const reason = this.state.fatal;
		if (reason !== undefined) {
			const next = {...this.state};
			delete next.fatal;
			this.update(next);
		}
		return reason;
	}

	/** Called on every change with the new state; returns a function that unsubscribes. */
	onChange(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private async apply(next: FaultOptions): Promise<void> {
		this.update(next);
		await Promise.all([...this.listeners].map(async listener => listener(this.state)));
	}

	private update(next: FaultOptions): void {
		for (const name of Object.keys(next) as FaultName[]) {
			if (next[name] === undefined || next[name] === false) delete next[name];
		}
		this.state = next;
		this.affectsReplies = replyFaults.some(name => name in next);
		this.affectsRequests = requestFaults.some(name => name in next);
	}
}

type NumericFault = 'tinyWrites' | 'delayTerminator' | 'dropMidReply' | 'resetMidReply' | 'slowReplies';
type FlagFault = 'stall' | 'garbage' | 'oversizedWord' | 'refuseLogin' | 'closed';

const numericFaults: Record<string, NumericFault> = {
	'tiny-writes': 'tinyWrites',
	'delay-terminator': 'delayTerminator',
	'drop-mid-reply': 'dropMidReply',
	'reset-mid-reply': 'resetMidReply',
	'slow-replies': 'slowReplies',
};
const flagFaults: Record<string, FlagFault> = {
	stall: 'stall',
	garbage: 'garbage',
	'oversized-word': 'oversizedWord',
	'refuse-login': 'refuseLogin',
	closed: 'closed',
};

export const faultFlagHelp = 'tiny-writes=N, delay-terminator=MS, drop-mid-reply=N, reset-mid-reply=N, '
	+ 'slow-replies=MS, stall, garbage, oversized-word, refuse-login, closed, fatal=REASON';

/**
 * Reads command-line fault specs such as `tiny-writes=3` or `stall`. Throws an Error whose
 * message is one line naming the valid specs.
 */
export function parseFaultFlags(specs: readonly string[]): FaultOptions {
	const faults: FaultOptions = {};
	for (const spec of specs) {
		const [name, value] = splitSpec(spec);
		if (name === 'fatal') {
			faults.fatal = value ?? 'fault injected';
		} else if (Object.hasOwn(numericFaults, name) && value !== undefined && /^\d+$/.test(value)) {
			faults[numericFaults[name]] = Number(value);
		} else if (Object.hasOwn(flagFaults, name) && value === undefined) {
			faults[flagFaults[name]] = true;
		} else {
			throw new Error(`unknown fault "${spec}"; use one of: ${faultFlagHelp}`);
		}
	}
	return faults;
}

function splitSpec(spec: string): [string, string | undefined] {
	const index = spec.indexOf('=');
	return index === -1 ? [spec.trim(), undefined] : [spec.slice(0, index).trim(), spec.slice(index + 1)];
}
