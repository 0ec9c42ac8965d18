import {countFlush, flushStatus, flushTarget, recordFlush, runFlush, type FlushTarget} from '../../actions/flush-action.js';
import {errorText, within} from '../../actions/failures.js';
import {readMangle} from '../../actions/rules.js';
import type {ActionSession} from '../../actions/session.js';
import type {AuditTrail} from '../../actions/trail.js';
import {changeWeights, prepareUndo, undoChange} from '../../actions/weights-action.js';
import type {RouterConfig} from '../../pcc/types.js';
import {WeightError} from '../../pcc/weight-error.js';
import {ruleLine} from '../../pcc/weight-text.js';
import {planWeights} from '../../pcc/weights.js';
import type {RouterApi} from '../../routeros/types.js';
import type {WanView} from '../../monitor/wans.js';
import {screenTime} from '../../time-text.js';
import type {MonitorActions, ScreenActionContext} from '../actions.js';
import {FlushDialog} from './flush-dialog.js';
import {UndoDialog} from './undo-dialog.js';
import {WeightsEditor, type WeightsPreview} from './weights-editor.js';

/** What the screen's actions need from the program that runs it. */
export interface MonitorActionsOptions {
	/** The live connection, or undefined while there is none. */
	api: () => RouterApi | undefined;
	readConfig: (api: RouterApi) => Promise<RouterConfig>;
	/** Waits for the session's next live connection, after a drop. */
	reconnect?: () => Promise<RouterApi>;
	/** Where the router was reached, for the audit log. */
	host: string;
	/** When absent, the port the connection actually uses (so undo matches the CLI's records). */
	port?: number;
	account: string;
	/** Audit log path; the default location when absent. */
	auditPath?: string;
	/**
	 * How long an action waits for the session to come back after a drop (default 15 s), so
	 * neither a cancelled action nor quitting hangs on a router that stays away.
	 */
	reconnectWaitMs?: number;
}

/** The f / w / u handlers the App plugs in: each drives the use case the CLI drives too. */
export function monitorActions(options: MonitorActionsOptions): Required<MonitorActions> {
	const portOf = (api: RouterApi | undefined): number | undefined => {
		const port = (api as {port?: unknown} | undefined)?.port;
		return typeof port === 'number' ? port : undefined;
	};
	const trailOf = (context: ScreenActionContext): AuditTrail => ({
		router: {host: options.host, port: options.port ?? portOf(options.api()), identity: context.state.snapshot?.config.identity ?? ''},
		account: options.account,
		path: options.auditPath,
	});
	const warnIf = (context: ScreenActionContext, auditError: string | null): void => {
		if (auditError) context.report(auditError, 'warning');
	};

	const live = (context: ScreenActionContext): RouterApi | undefined => {
		const api = options.api();
		if (!api) context.notify('not connected to the router right now; try again once the link is live');
		return api;
	};

	// Actions that changed or are changing the router and are not recorded yet; settle() waits for them.
	const running = new Set<Promise<string>>();
	const track = (work: Promise<string>): void => {
		running.add(work);
		void work.finally(() => running.delete(work)).catch(() => undefined);
	};
	let settling: string[] | null = null;
	const ended = (line: string): string => {
		settling?.push(line);
		return line;
	};

	const reconnect = options.reconnect;
	const sessionOf = (api: RouterApi): ActionSession => ({
		router: api,
		readConfig: options.readConfig,
		reconnect: reconnect && (() => within(reconnect(), options.reconnectWaitMs ?? 15_000, 'reconnecting')),
	});

	const targetOf = (context: ScreenActionContext, wan: WanView): FlushTarget => {
		const snapshot = context.state.snapshot;
		const domain = snapshot?.topology.wans.find(candidate => candidate.name === wan.name);
		if (!snapshot || !domain) return {wan: wan.name, mark: wan.connectionMark, routeDown: !wan.routeActive, stuckScope: null};
		return flushTarget(domain, {wans: snapshot.topology.wans, routes: snapshot.routes, addresses: snapshot.config.addresses});
	};

	const openFlush = (context: ScreenActionContext, wan: WanView): void => {
		const api = live(context);
		if (!api) return;
		const target = targetOf(context, wan);
		const trail = trailOf(context);
		let finishFlush: (line: string) => void = () => {};
		context.openDialog(
			<FlushDialog
				wan={target.wan}
				mark={target.mark}
				routeDown={target.routeDown}
				loadCounts={async () => (await countFlush(api, target, false)).counts}
				loadStuck={target.stuckScope ? async () => {
					const stuck = (await countFlush(api, target, true)).stuck ?? 0;
					context.stuckCounted(target.wan, stuck);
					return stuck;
				} : undefined}
				flush={(choice, signal, onProgress) => {
					const run = runFlush(sessionOf(api), target, choice, {signal, onProgress});
					let recorded: (line: string) => void = () => {};
					track(new Promise<string>(resolve => (recorded = resolve)));
					finishFlush = line => recorded(ended(line));
					return run;
				}}
				onDone={outcome => {
					if (!outcome) {
						context.closeDialog();
						return;
					}
					const result = outcome.result ?? null;
					// Logged before the dialog closes, so what the screen reports is already on record.
					void recordFlush(trail, target, outcome.scope ?? 'all', null, result, outcome.line).then(auditError => {
						finishFlush(outcome.line);
						context.closeDialog();
						warnIf(context, auditError);
						context.report(outcome.line, flushStatus(result) === 'ok' ? 'good' : 'warning', result?.at);
						// Whichever scope it took, a finished flush left none stuck: new connections cannot be while the route is down.
						if (target.routeDown && flushStatus(result) === 'ok') context.stuckCounted(target.wan, 0, result?.at);
						context.refresh();
					});
				}}
			/>,
		);
	};

	return {
		flush(context) {
			const {wan} = context;
			if (!wan || !wan.connectionMark) {
				context.notify(wan ? `${wan.name} has no connection mark to flush` : 'no WAN selected');
				return;
			}
			openFlush(context, wan);
		},

		weights(context) {
			const snapshot = context.state.snapshot;
			const api = live(context);
			if (!api) return;
			if (!snapshot || snapshot.topology.denominator === null) {
				context.notify('no PCC rules found to reweight');
				return;
			}
			const {topology, config} = snapshot;
			const trail = trailOf(context);
			const plan = (weights: Record<string, number>) => planWeights(topology, config.mangle, weights);
			const preview = (weights: Record<string, number>): WeightsPreview => {
				try {
					const planned = plan(weights);
					return {ok: true, denominator: planned.denominator, buckets: Object.fromEntries(planned.wans.map(wan => [wan.name, wan.remainders])), diff: planned.diff, steps: planned.steps.length};
				} catch (error) {
					if (error instanceof WeightError) return {ok: false, error: error.message};
					throw error;
				}
			};
			context.openDialog(
				<WeightsEditor
					wans={topology.wans.map(wan => ({name: wan.name, weight: wan.remainders.length}))}
					initial={context.wan?.name}
					preview={preview}
					apply={async (weights, onStep) => {
						const change = changeWeights(sessionOf(api), trail, config, plan(weights), onStep);
						track(change.then(({outcome}) => ended(outcome.message)));
						const {outcome, at, auditError} = await change;
						warnIf(context, auditError);
						return {ok: outcome.result === 'ok', line: outcome.message, differences: outcome.differences, at};
					}}
					onDone={outcome => {
						context.closeDialog();
						if (!outcome) return;
						context.report(outcome.line, /^weights now/.test(outcome.line) ? 'good' : 'warning', outcome.at);
						context.refresh();
						const drained = outcome.flush ? context.state.wans.find(wan => wan.name === outcome.flush) : undefined;
						if (drained) openFlush(context, drained);
					}}
				/>,
			);
		},

		undo(context) {
			const api = live(context);
			if (!api) return;
			const trail = trailOf(context);
			void (async () => {
				const mangle = await readMangle(api);
				const found = await prepareUndo(trail, mangle, moment => screenTime(moment, Date.now()));
				if (!found.ok) {
					context.notify(found.message);
					return;
				}
				const {entry, snapshot} = found;
				context.openDialog(
					<UndoDialog
						change={`the weights change of ${screenTime(entry.time, Date.now())} by ${entry.account} (${entry.message})`}
						rules={snapshot.rules.map(ruleLine)}
						run={async () => {
							const undo = undoChange(sessionOf(api), trail, found, mangle);
							track(undo.then(({outcome}) => ended(`undo: ${outcome.message}`)));
							const {outcome, at, auditError} = await undo;
							warnIf(context, auditError);
							return {ok: outcome.result === 'ok', line: outcome.message, at};
						}}
						onDone={result => {
							context.closeDialog();
							if (!result) return;
							context.report(`undo: ${result.line}`, result.ok ? 'good' : 'warning', result.at);
							context.refresh();
						}}
					/>,
				);
			})().catch((error: unknown) => context.notify(`undo: ${errorText(error)}`));
		},

		async settle() {
			settling = [];
			const lines = settling;
			while (running.size > 0) await Promise.allSettled([...running]);
			return lines;
		},
	};
}
