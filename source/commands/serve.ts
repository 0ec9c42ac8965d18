import {ListenError, startMetrics, type WatchedRouter} from '../metrics/index.js';
import {watchRouter, type RouterWatch} from '../monitor/watch.js';
import {connectOptionsFrom, type ConnectEnvironment} from './connect-options.js';
import {parseListen} from './listen.js';
import {UsageError, type CliOptions} from './options.js';
import {applyProfile, profilesPath, readProfiles} from './profiles.js';
import {untilSignal} from './until-signal.js';

/**
 * `pccmon serve`: headless, one persistent session per router of the profiles file (never a
 * login per scrape: every login is a line in the router's log), each polled and reconnected
 * as the live screen does, with every router's metrics on one `/metrics`.
 */
export async function runServe(options: CliOptions): Promise<number> {
	const file = options.serve.config ?? profilesPath();
	const profiles = readProfiles(file, {required: true});
	if (profiles.length === 0) throw new UsageError(`${file} has no [routers.NAME] tables; serve watches the routers they name`);
	const listen = parseListen(options.serve.listen, '--listen');
	// Headless: no prompt, and no waiting on a router that is down before serving the others.
	const io: ConnectEnvironment = {env: process.env, stdin: {isTTY: false} as NodeJS.ReadStream, stderr: process.stderr, reach: async () => {}};
	const plans = [];
	for (const profile of profiles) {
		const profiled = applyProfile(options, profile, options.serve.given);
		plans.push({profile, intervalMs: profiled.intervalSeconds * 1000, connect: await connectOptionsFrom(profiled, io)});
	}
	const watches: RouterWatch[] = [];
	const routers: WatchedRouter[] = plans.map(({profile, intervalMs, connect}) => {
		const say = (text: string) => process.stderr.write(`pccmon: ${profile.name}: ${text}\n`);
		const watch = watchRouter(connect, {
			intervalMs,
			readOnly: 'serve',
			hooks: {onFirstLive: () => say(`watching ${connect.host}`), onFailed: error => say(`gave up: ${error.message}`)},
		});
		watches.push(watch);
		return {name: profile.name, host: connect.host, state: watch.store.getState};
	});
	let server;
	try {
		server = await startMetrics(routers, listen);
	} catch (error) {
		await Promise.all(watches.map(watch => watch.stop()));
		if (!(error instanceof ListenError)) throw error;
		process.stderr.write(`pccmon: ${error.message}\n`);
		return 1;
	}
	process.stdout.write(`serving http://${server.address}/metrics for ${profiles.map(profile => profile.name).join(', ')}\n`);
	await untilSignal();
	await server.close();
	await Promise.all(watches.map(watch => watch.stop()));
	return 0;
}
