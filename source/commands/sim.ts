import {readFileSync} from 'node:fs';
import {parseFaultFlags, type FaultOptions} from '../sim/faults.js';
import {startSim, type SimOptions} from '../sim/index.js';
import {createdSummary} from '../sim/rsc/load.js';
import {notRouterOsScript} from '../sim/rsc/not-a-script.js';
import {defaultScenario, scenario, scenarioNames} from '../sim/scenarios/index.js';
import {versionFor} from '../sim/rsc/version.js';
import {UsageError, type CliOptions} from './options.js';
import {untilSignal} from './until-signal.js';

function readText(flag: string, path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
		throw new UsageError(`cannot read ${flag} ${path}: ${reason}`);
	}
}

function faultsFrom(specs: readonly string[]): FaultOptions {
	try {
		return parseFaultFlags(specs);
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
}

/** The export `--rsc` names, refused at once when it cannot be a RouterOS script at all. */
function readExport(path: string): string {
	const text = readText('--rsc', path);
	const reason = notRouterOsScript(text);
	if (reason) throw new UsageError(`--rsc ${path} is not a RouterOS script: ${reason}; give the file /export writes`);
	return text;
}

/** Turns the command line into simulator options; every mistake is a UsageError. */
export function simOptionsFrom(options: CliOptions): SimOptions {
	const {sim} = options;
	if (options.scenario !== undefined && !scenario(options.scenario)) {
		throw new UsageError(`unknown scenario "${options.scenario}"; use one of: ${scenarioNames.join(', ')}`);
	}
	if (options.routeros !== undefined) {
		try {
			versionFor(undefined, options.routeros);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
	}
	if ((sim.tlsCert === undefined) !== (sim.tlsKey === undefined)) {
		throw new UsageError('give both --tls-cert and --tls-key, or neither');
	}
	return {
		host: sim.listen,
		port: sim.port,
		...(options.rsc !== undefined
			? {rsc: readExport(options.rsc), rscName: options.rsc}
			: {scenario: options.scenario ?? defaultScenario}),
		routeros: options.routeros,
		users: [{name: sim.user, password: sim.password, group: 'full'}],
		seed: sim.seed,
		connections: sim.connections,
		rate: sim.rate,
		scanRate: sim.scanRate,
		faults: faultsFrom(sim.faults),
		tls: sim.tlsCert !== undefined && sim.tlsKey !== undefined
			? {cert: readText('--tls-cert', sim.tlsCert), key: readText('--tls-key', sim.tlsKey)}
			: undefined,
		clock: 'real',
	};
}

/** `pccmon sim`: serves a simulated router until SIGINT or SIGTERM. */
export async function runSim(options: CliOptions): Promise<number> {
	const simOptions = simOptionsFrom(options);
	const stopped = untilSignal();
	let sim;
	try {
		sim = await startSim(simOptions);
	} catch (error) {
		const {code, message} = error as NodeJS.ErrnoException;
		const reasons: Record<string, string> = {
			EADDRINUSE: 'the port is in use (try --port 0)',
			EACCES: 'permission denied (try a port above 1023)',
			EADDRNOTAVAIL: 'no such address on this machine (see --listen)',
		};
		const reason = (code && reasons[code]) ?? message;
		process.stderr.write(`pccmon: cannot listen on ${simOptions.host}:${simOptions.port}: ${reason}\n`);
		return 1;
	}
	for (const warning of sim.warnings) process.stderr.write(`pccmon: ${sim.source}:${warning.line}: ${warning.message}\n`);
	const created = createdSummary(sim);
	if (created) process.stderr.write(`pccmon: ${sim.source}: ${created}\n`);
	process.stdout.write(`listening on ${sim.host}:${sim.port}\n`);
	await stopped;
	await sim.close();
	return 0;
}
