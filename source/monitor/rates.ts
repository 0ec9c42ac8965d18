/** RouterOS byte and packet counters are unsigned 64-bit. */
const counterModulus = 2n ** 64n;
const upperHalf = 2n ** 63n;

/**
 * How far a counter moved between two reads. A counter that went backwards either wrapped
 * past 2^64 (it was in the upper half before) or was reset (rule re-created, `reset-counters`,
 * reboot): then the movement is unknown and the result is null.
 */
export function counterDelta(previous: bigint, current: bigint): bigint | null {
	if (current >= previous) return current - previous;
	if (previous >= upperHalf) return counterModulus - previous + current;
	return null;
}

/** Per second over the real elapsed time, not the nominal interval; null when unknown. */
export function perSecond(delta: bigint | null, elapsedMs: number): number | null {
	if (delta === null || !(elapsedMs > 0)) return null;
	return (Number(delta) * 1000) / elapsedMs;
}

export function counterRate(previous: bigint, current: bigint, elapsedMs: number): number | null {
	return perSecond(counterDelta(previous, current), elapsedMs);
}

/** A counter value as printed (decimal text), or null when absent or garbled. */
export function parseCounter(text: string | undefined): bigint | null {
	if (text === undefined || !/^\d+$/.test(text)) return null;
	return BigInt(text);
}
