import {render} from 'ink';
import {detectAccess} from '../actions/access.js';
import {Poller} from '../monitor/poller.js';
import {routerSource} from '../monitor/source.js';
import {initialState} from '../monitor/state.js';
import {MonitorStore} from '../monitor/store.js';
import {discover} from '../pcc/discover.js';
import {readConfig} from '../routeros/reads.js';
import {RouterSession, type SessionState} from '../routeros/session.js';
import {RouterError, type ConnectOptions} from '../routeros/types.js';
import {startSim, type SimHandle} from '../sim/index.js';
import {monitorActions} from '../ui/actions/monitor-actions.js';
import {App} from '../ui/App.js';
import {Screen} from '../ui/screen.js';
import {connectOptionsFrom} from './connect-options.js';
import type {CliOptions} from './options.js';
import {simOptionsFrom} from './sim.js';

/** Frames per second at most: a 1 s refresh never needs more, and SSH links stay quiet. */
const maxFps = 10;

/** The header's badge: the reason without the `read-only` it would repeat. */
function badgeReason(reason: string): string {
	return reason.replace(/^read-only:?\s*/i, '').replace(/^\((.*)\)$/, '$1');
}

/**
 * `pccmon HOST` on a terminal: the live screen, polling through a reconnecting session.
 * With --demo it first starts the simulated router in this process and watches that.
 */
export async function runScreen(options: CliOptions): Promise<number> {
	let sim: SimHandle | undefined;
	let connect: ConnectOptions;
	if (options.demo) {
		sim = await startSim(simOptionsFrom(options));
		connect = {host: sim.host, port: sim.port, user: options.sim.user, password: options.sim.password};
	} else {
		connect = await connectOptionsFrom(options);
	}

	const store = new MonitorStore(
		initialState({intervalMs: options.intervalSeconds * 1000, readOnly: options.readOnly ? '--read-only' : null}),
	);
	const session = new RouterSession(connect);
	const poller = new Poller({source: routerSource(() => session.api()), store, discover});
	const screen = new Screen(process.stdout, {maxFps});
	screen.open();
	const app = render(
		<App
			store={store}
			controls={poller}
			actions={monitorActions({api: () => session.api(), reconnect: () => session.ready(), readConfig, host: connect.host, port: connect.port, account: connect.user})}
			color={options.color}
		/>,
		// debug: Ink hands over whole frames and the Screen writes only the lines that changed.
		{stdout: screen.stream, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false, debug: true},
	);

	let failure: RouterError | undefined;
	let lastError = '';
	let everLive = false;
	const onState = (state: SessionState) => {
		const at = Date.now();
		switch (state.status) {
			case 'connecting':
				// The session counts the drop as a failure, so its connecting attempt is one ahead of
				// the reconnect tries made: keep the number the reconnecting state showed.
				store.dispatch({type: 'link', at, link: state.attempt > 1 ? {kind: 'reconnecting', attempt: state.attempt - 1, error: lastError} : {kind: 'connecting'}});
				return;
			case 'live':
				store.dispatch({type: 'link', at, link: {kind: 'live'}});
				// After a reconnect the router may have rebooted or been reconfigured.
				poller.invalidate();
				if (everLive) poller.refresh();
				else {
					everLive = true;
					poller.start();
					const api = session.api();
					if (!options.readOnly && api) {
						detectAccess(api).then(
							access => store.dispatch({type: 'read-only', reason: access.write ? null : badgeReason(access.reason)}),
							() => undefined,
						);
					}
				}
				return;
			case 'reconnecting':
				lastError = state.error.message;
				store.dispatch({type: 'link', at, link: {kind: 'reconnecting', attempt: state.attempt, error: state.error.message}});
				return;
			case 'failed':
				failure = state.error;
				app.unmount();
				return;
			case 'closed':
				return;
		}
	};
	const unsubscribe = session.onState(onState);
	onState(session.state);

	// SIGTERM gets the terminal back; after SIGHUP there is no terminal left to restore.
	let signalled = false;
	const onSignal = () => {
		signalled = true;
		app.unmount();
	};
	process.once('SIGTERM', onSignal);
	let crash: unknown;
	try {
		await app.waitUntilExit();
	} catch (error) {
		crash = error;
	} finally {
		process.off('SIGTERM', onSignal);
		unsubscribe();
		screen.restore();
		await poller.stop();
		await session.close();
		await sim?.close();
	}
	if (crash) throw crash;
	if (failure) {
		process.stderr.write(`pccmon: ${failure.message}\n`);
		return 2;
	}
	return signalled ? 143 : 0;
}
