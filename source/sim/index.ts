import {readFile} from 'node:fs/promises';
import {SimClock} from './engine/clock.js';
import {ConnectionTable} from './engine/conntrack.js';
import {SimEngine} from './engine/engine.js';
import type {FaultController, FaultOptions} from './faults.js';
import {defaultAdmin, UserStore, type UserAccount} from './model/users.js';
import {syncAccounts} from './menus/users.js';
import {formatVersion} from './model/version.js';
import {SimRouter} from './router.js';
import {loadRsc} from './rsc/load.js';
import {parseRsc, type RscWarning} from './rsc/parse.js';
import {versionFor} from './rsc/version.js';
import {defaultScenario, scenario as findScenario, scenarioNames} from './scenarios/index.js';
import {createApiServer, type ApiServer} from './server.js';

export interface SimOptions {
	/** Address to listen on; default 127.0.0.1. */
	host?: string;
	/** 0 (the default) picks a free port. */
	port?: number;
	/** A built-in scenario (default `failover`); ignored when an export is given. */
	scenario?: string;
	/** A RouterOS export (its text) to run as the configuration instead of a scenario. */
	rsc?: string;
	/** A file holding the export, read when `rsc` is not given. */
	rscFile?: string;
	/** What the export came from, for messages (a file name); defaults to `rscFile`. */
	rscName?: string;
	/** RouterOS version to act as, e.g. `7.18.2` or `6.49`; default from the export. */
	routeros?: string;
	/** Accounts; default a new router's `admin` with an empty password. */
	users?: UserAccount[];
	/** Traffic seed: same seed, same run. */
	seed?: number;
	/** Connections open at start. */
	connections?: number;
	/** New connections per second. */
	rate?: number;
	/** Rows per second the router walks a table at (a filtered or count-only print); 0: free. */
	scanRate?: number;
	/** Serve api-ssl with this certificate and key (PEM). */
	tls?: {cert: string | Buffer; key: string | Buffer};
	faults?: FaultOptions;
	/** `real` follows the wall clock; `manual` moves only when `step` is called (tests). */
	clock?: 'real' | 'manual';
	/** Told about failures inside the simulator (never a client's mistakes). */
	onError?: (error: unknown) => void;
}

export interface SimHandle {
	host: string;
	port: number;
	/** The RouterOS version acted, e.g. `7.18.2`. */
	version: string;
	/** The scenario running, or undefined for an export given as `rsc`. */
	scenario: string | undefined;
	router: SimRouter;
	engine: SimEngine;
	server: ApiServer;
	faults: FaultController;
	/** Lines of the configuration the router refused or could not read. */
	warnings: RscWarning[];
	/** Ports the configuration names but never creates, created for it (a partial export). */
	created: string[];
	/** Where the configuration came from, to put before a warning's line number: `scenario two-wan`, a file name. */
	source: string;
	/** Moves simulated time forward by `ms` (with the manual clock, the only way it moves). */
	step(ms: number): void;
	/** A router reboot: API connections dropped, conntrack and counters cleared, port back after `downMs`. */
	restart(downMs?: number): Promise<void>;
	close(): Promise<void>;
}

/** Simulated time a router has been up before anyone looks: DHCP and PPPoE have bound by then. */
const bootMs = 3000;

/**
 * Starts a simulated RouterOS router: the configuration (a scenario or an export) loaded
 * through the router's own command layer, traffic flowing, the API served on `host:port`.
 */
export async function startSim(options: SimOptions = {}): Promise<SimHandle> {
	const rsc = options.rsc ?? (options.rscFile === undefined ? undefined : await readFile(options.rscFile, 'utf8'));
	const name = rsc === undefined ? options.scenario ?? defaultScenario : undefined;
	const definition = name === undefined ? undefined : findScenario(name);
	if (name !== undefined && !definition) {
		throw new Error(`unknown scenario "${name}"; use one of: ${scenarioNames.join(', ')}`);
	}
	const script = parseRsc(definition?.rsc ?? rsc ?? '');
	const {version} = versionFor(script, options.routeros);

	const clock = new SimClock(Math.floor(Date.now() / 1000) * 1000);
	const conntrack = new ConnectionTable();
	const router = new SimRouter({version, conntrack, now: () => clock.now(), model: script.model});
	const {warnings, created} = loadRsc(router, script);
	router.walks.scanRate = options.scanRate ?? 0;
	const engine = new SimEngine(router, {
		clock,
		conntrack,
		seed: options.seed,
		rate: options.rate,
		connections: options.connections,
		leases: definition?.leases,
	});
	// Let DHCP and PPPoE clients bind before the first connections look for a route: an empty
	// burst makes the engine read the configuration, which sets the clients asking.
	engine.burst(0);
	engine.step(bootMs);
	engine.start({realTime: options.clock !== 'manual'});
	const stopSchedule = definition?.schedule?.({clock: engine.clock, upstream: engine.upstream});

	const users = new UserStore(options.users ?? [defaultAdmin]);
	syncAccounts(router, users);
	const server = createApiServer({
		executor: router.executor,
		version: router.version,
		users,
		tls: options.tls,
		faults: options.faults,
		onError: options.onError,
		onRestart: () => {
			router.reboot();
			engine.restart();
		},
		onLogin: (user, address) => {
			const session = router.insert(
				'/user/active',
				{
					when: router.formatDate(router.now()),
					name: user.name,
					address,
					via: 'api',
					group: router.findByName('/user', user.name)?.fields.group ?? user.group,
				},
				{dynamic: false},
			);
			return () => router.delete('/user/active', session.id);
		},
	});
	let address;
	try {
		address = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	} catch (error) {
		stopSchedule?.();
		engine.dispose();
		throw error;
	}
	router.onRebootRequest = () => server.restart();
	return {
		host: address.host,
		port: address.port,
		version: formatVersion(router.version),
		scenario: name,
		router,
		engine,
		server,
		faults: server.faults,
		warnings,
		created,
		source: name === undefined ? options.rscName ?? options.rscFile ?? 'rsc' : `scenario ${name}`,
		step: ms => engine.step(ms),
		restart: downMs => server.restart(downMs),
		close: async () => {
			stopSchedule?.();
			engine.dispose();
			await server.close();
		},
	};
}
