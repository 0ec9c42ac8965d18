import {discover} from '../pcc/discover.js';
import {countedMarks, liveWans} from '../pcc/live.js';
import {configRouteStates} from '../pcc/route-state.js';
import type {Topology} from '../pcc/types.js';
import {pollsPerCount} from '../monitor/counting.js';
import {connectRouter} from '../routeros/client.js';
import {readConfig, readCounts} from '../routeros/reads.js';
import {RouterError, type ConnectOptions, type RouterApi} from '../routeros/types.js';
import {onceDocument, renderReport, type OnceDocument} from '../ui/report.js';
import {discoverWithLoad, loadReport, type ConfigurationLoad} from './configuration-load.js';
import {connectionFor} from './router-connection.js';
import type {CliOptions} from './options.js';

/** Exit codes of --once: every WAN up, a WAN down, no report at all. */
const onceExit = {ok: 0, degraded: 1, failed: 2} as const;

/** The report, and with --demo what loading the simulated router's configuration refused or created. */
export type OnceOutput = OnceDocument & {config?: ConfigurationLoad};

/**
 * Reads the router once (configuration, then live counts) and builds the report; `load`,
 * the demo's configuration load, adds its refused lines to the problems and as `config`.
 */
export async function readReport(api: RouterApi, host: string, intervalMs: number, load?: ConfigurationLoad): Promise<{document: OnceOutput; topology: Topology}> {
	const config = await readConfig(api);
	const topology = discoverWithLoad(discover, load)(config);
	const started = performance.now();
	const since = () => performance.now() - started;
	const [[counts, routerMs], resource] = await Promise.all([
		readCounts(api, countedMarks(topology)).then(counts => [counts, Math.round(since())] as const),
		api.print('/system/resource', {proplist: ['uptime']}),
	]);
	const document = onceDocument({
		host,
		identity: config.identity,
		version: config.version,
		board: config.board,
		uptime: resource[0]?.uptime ?? '',
		topology,
		wans: liveWans(topology.wans, configRouteStates(config), counts),
		counts,
		counting: {routerMs, everyMs: pollsPerCount(intervalMs, routerMs) * intervalMs, intervalMs},
	});
	return {topology, document: load ? {...document, config: load} : document};
}

async function reportFrom(connect: ConnectOptions, options: CliOptions, load: ConfigurationLoad | undefined): Promise<number> {
	let api: RouterApi | undefined;
	try {
		api = await connectRouter(connect);
		const {document} = await readReport(api, connect.host, options.intervalSeconds * 1000, load);
		process.stdout.write(options.json
			? `${JSON.stringify(document, null, 2)}\n`
			: loadReport(load).map(line => `${line}\n`).join('') + renderReport(document, {color: options.color && process.stdout.isTTY === true, at: Date.now()}));
		return document.status === 'ok' ? onceExit.ok : onceExit.degraded;
	} catch (error) {
		if (!(error instanceof RouterError)) throw error;
		process.stderr.write(`pccmon: ${error.message}\n`);
		return onceExit.failed;
	} finally {
		await api?.close();
	}
}

/** `pccmon HOST --once [--json]`: one report on stdout, then the exit code. */
export async function runOnce(options: CliOptions): Promise<number> {
	const {connectOptions, stop, configuration} = await connectionFor(options);
	try {
		return await reportFrom(connectOptions, options, configuration);
	} finally {
		await stop?.();
	}
}
