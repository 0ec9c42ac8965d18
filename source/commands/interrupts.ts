/** The exit codes a shell gives a process ended by these signals (128 + the signal's number). */
const signalExit = {SIGINT: 130, SIGTERM: 143} as const;

export type StopSignal = keyof typeof signalExit;

export interface Interruptible<T> {
	value: T;
	/** The signal that asked the work to stop, if one did. */
	signal: StopSignal | undefined;
}

/**
 * Runs work that changes the router with SIGINT and SIGTERM turned into a cancel: the work
 * stops sending, finishes what is in flight, and is recorded and reported like any other
 * end; the caller then exits with the signal's code (exitFor). Without this, Ctrl-C ended
 * the process mid-flush with no summary and nothing in the audit log.
 */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<Interruptible<T>> {
	const controller = new AbortController();
	let received: StopSignal | undefined;
	const handlers = (Object.keys(signalExit) as StopSignal[]).map(name => {
		const handler = () => {
			received ??= name;
			controller.abort();
		};
		process.on(name, handler);
		return () => process.off(name, handler);
	});
	try {
		return {value: await work(controller.signal), signal: received};
	} finally {
		for (const remove of handlers) remove();
	}
}

/** The exit code after a signal, else the code the work ended with. */
export function exitFor(signal: StopSignal | undefined, code: number): number {
	return signal ? signalExit[signal] : code;
}
