/** Everything the command line decided, handed to the mode that runs. */
export interface CliOptions {
	/** `HOST[:PORT]`, or undefined with --demo. */
	target?: string;
	/** The routers.toml profile the target named, if it named one. */
	profile?: string;
	port?: number;
	user: string;
	passwordFile?: string;
	/** The environment variable a profile names for the password (else PCCMON_PASSWORD). */
	passwordEnv?: string;
	tls: boolean;
	ca?: string;
	insecure: boolean;
	fingerprint?: string;
	once: boolean;
	json: boolean;
	demo: boolean;
	scenario?: string;
	rsc?: string;
	routeros?: string;
	intervalSeconds: number;
	readOnly: boolean;
	color: boolean;
	yes: boolean;
	dryRun: boolean;
	/** flush: only the connections left by the WAN before its route went down. */
	stuck: boolean;
	undo: boolean;
	/** The flight recorder: on unless --no-record; --record FILE names the file. */
	record: {enabled: boolean; file?: string; maxBytes?: number};
	/** `replay FILE`: the moment `--at` names, and `--events` for the event log. */
	replay: {at?: string; events: boolean};
	/** `--metrics HOST:PORT`: serve Prometheus metrics beside the live screen. */
	metrics?: string;
	/** `pccmon serve`: the profiles file, and where /metrics listens (HOST:PORT). */
	serve: {config?: string; listen: string; given: GivenFlags};
	/** Simulator options (`pccmon sim`, and the router `--demo` starts). */
	sim: {
		listen: string;
		port: number;
		user: string;
		password: string;
		seed?: number;
		connections?: number;
		rate?: number;
		/** Rows per second a table walk costs the simulated router; 0 or undefined: free. */
		scanRate?: number;
		faults: string[];
		tlsCert?: string;
		tlsKey?: string;
	};
}

/** The connection flags as typed: undefined where the command line did not say. */
export interface GivenFlags {
	port?: number;
	user?: string;
	passwordFile?: string;
	tls: boolean;
	ca?: string;
	fingerprint?: string;
	interval?: string;
}

/** A mistake on the command line: printed as one line, exit code 2. */
export class UsageError extends Error {
	override name = 'UsageError';
}
