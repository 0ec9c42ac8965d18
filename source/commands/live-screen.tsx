import {render, type Instance} from 'ink';
import {detectAccess} from '../actions/access.js';
import type {MetricsServer} from '../metrics/index.js';
import type {MonitorStore} from '../monitor/store.js';
import {watchRouter} from '../monitor/watch.js';
import {discover} from '../pcc/discover.js';
import {readConfig} from '../routeros/reads.js';
import type {RouterError} from '../routeros/types.js';
import {monitorActions} from '../ui/actions/monitor-actions.js';
import {App} from '../ui/App.js';
import {Screen} from '../ui/screen.js';
import {saveCodeCache} from '../launch/hook.js';
import {afterPolls} from './after-polls.js';
import {discoverWithLoad} from './configuration-load.js';
import {parseListen} from './listen.js';
import {startRecording} from '../record/session.js';
import {defaultRetention} from '../record/retention.js';
import {connectionFor} from './router-connection.js';
import type {CliOptions} from './options.js';
import {tuneV8ForScreen} from './screen-v8.js';

/** Frames per second at most: a 1 s refresh never needs more, and SSH links stay quiet. */
const maxFps = 10;

/** The header's badge: the reason without the `read-only` it would repeat. */
function badgeReason(reason: string): string {
	return reason.replace(/^read-only:?\s*/i, '').replace(/^\((.*)\)$/, '$1');
}

/** How long the first frame waits for the first poll before it shows the connection under way. */
const firstFrameWaitMs = 250;

/**
 * Calls `then` once: at the first poll's snapshot, or after `ms`; the function it returns
 * calls it at once (a failure). A router that answers at once gets a first frame with data,
 * without a frame saying it is connecting drawn just before.
 */
function onFirstSnapshot(store: MonitorStore, ms: number, then: () => void): () => void {
	const done = () => {
		clearTimeout(timer);
		stopWatch();
		then();
	};
	const timer = setTimeout(done, ms);
	const stopWatch = afterPolls(store, 1, done);
	return done;
}

/** Loaded only with --metrics: the screen alone never pays for prom-client. */
async function startMetricsBeside(name: string, host: string, store: MonitorStore, listen: {host: string; port: number}): Promise<MetricsServer> {
	const {startMetrics} = await import('../metrics/index.js');
	return startMetrics([{name, host, state: store.getState}], listen);
}

/**
 * `pccmon HOST` on a terminal: the live screen, polling through a reconnecting session.
 * With --demo it first starts the simulated router in this process and watches that.
 */
export async function runScreen(options: CliOptions): Promise<number> {
	const metricsAt = options.metrics === undefined ? undefined : parseListen(options.metrics, '--metrics');
	const {connectOptions: connect, auditPath, stop, configuration} = await connectionFor(options);
	let app: Instance | undefined;
	let failure: RouterError | undefined;
	let stopWaiting = () => {};
	const {store, poller, session, stop: stopWatching} = watchRouter(connect, {
		intervalMs: options.intervalSeconds * 1000,
		readOnly: options.readOnly ? '--read-only' : null,
		// With --demo --rsc, the lines the simulated router refused are a problem of the set-up.
		discover: discoverWithLoad(discover, configuration),
		// Only the bench sets this: to show what counting at every poll costs a busy router.
		countEveryPoll: process.env['PCCMON_COUNT_EVERY_POLL'] === '1',
		hooks: {
			onFirstLive() {
				if (options.readOnly) return;
				// Asked after the first poll: the first frame waits for the poll's answers, and
				// the badge can come one round trip after it.
				afterPolls(store, 1, () => {
					const api = session.api();
					if (!api) return;
					detectAccess(api).then(
						access => store.dispatch({type: 'read-only', reason: access.write ? null : badgeReason(access.reason)}),
						() => undefined,
					);
				});
			},
			onFailed(error) {
				failure = error;
				stopWaiting();
				app?.unmount();
			},
		},
	});
	// The demo's router is not the user's: its sessions are recorded only when asked to.
	const recording = options.record.enabled && (!options.demo || options.record.file !== undefined)
		? startRecording(store, {router: options.profile ?? connect.host, host: connect.host, started: Date.now(), intervalMs: options.intervalSeconds * 1000}, {
			file: options.record.file,
			retention: options.record.maxBytes === undefined ? undefined : {...defaultRetention, maxBytes: options.record.maxBytes},
		})
		: undefined;
	let metrics: MetricsServer | undefined;
	try {
		if (metricsAt) metrics = await startMetricsBeside(options.profile ?? connect.host, connect.host, store, metricsAt);
	} catch (error) {
		await stopWatching();
		await stop?.();
		await recording?.close();
		const {ListenError} = await import('../metrics/index.js');
		if (!(error instanceof ListenError)) throw error;
		process.stderr.write(`pccmon: ${error.message}\n`);
		return 1;
	}
	const stopTuning = tuneV8ForScreen(store);
	// SIGTERM and SIGINT get the terminal back (an action in flight is cancelled and recorded
	// first); after SIGHUP there is no terminal left to restore.
	let signalled: 'SIGTERM' | 'SIGINT' | undefined;
	const onSignal = (name: 'SIGTERM' | 'SIGINT') => {
		signalled ??= name;
		stopWaiting();
		app?.unmount();
	};
	process.once('SIGTERM', onSignal);
	process.once('SIGINT', onSignal);
	await new Promise<void>(resolve => {
		stopWaiting = onFirstSnapshot(store, firstFrameWaitMs, resolve);
	});
	const screen = new Screen(process.stdout, {maxFps});
	screen.open();
	const actions = monitorActions({api: () => session.api(), reconnect: () => session.ready(), readConfig, host: connect.host, port: connect.port, account: connect.user, auditPath});
	app = render(
		<App
			store={store}
			controls={poller}
			actions={actions}
			color={options.color}
		/>,
		// debug: Ink hands over whole frames and the Screen writes only the lines that changed.
		{stdout: screen.stream, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false, debug: true},
	);
	// The session may have given up, or a signal come, before the first frame.
	if (failure || signalled) app.unmount();

	let crash: unknown;
	try {
		await app.waitUntilExit();
	} catch (error) {
		crash = error;
	} finally {
		process.off('SIGTERM', onSignal);
		process.off('SIGINT', onSignal);
		stopTuning();
		screen.restore();
		// Before the session closes: a cancelled flush still waits for its batches in flight.
		for (const line of await actions.settle()) process.stderr.write(`pccmon: ${line}\n`);
		await metrics?.close();
		await stopWatching();
		await stop?.();
		if (recording) {
			await recording.close();
			process.stderr.write(`pccmon: this session was recorded in ${recording.path} (pccmon replay shows it)\n`);
		}
		// A user who quits before start-up is over: the code that ran is what the next start needs.
		saveCodeCache();
	}
	if (crash) throw crash;
	if (failure) {
		process.stderr.write(`pccmon: ${failure.message}\n`);
		return 2;
	}
	return signalled === 'SIGTERM' ? 143 : signalled === 'SIGINT' ? 130 : 0;
}
