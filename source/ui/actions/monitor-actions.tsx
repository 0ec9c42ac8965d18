import {appendAudit} from '../../actions/audit.js';
import {errorText} from '../../actions/failures.js';
import {countMarked, flushComplete, flushMark, listFlushIds, workingAddresses, type FlushScope} from '../../actions/flush.js';
import {findUndo, flushRecord, undoRecord, weightsRecord, type AuditRecord} from '../../actions/records.js';
import {readMangle} from '../../actions/rules.js';
import {applyWeights, undoWeights, type ActionContext as RouterContext} from '../../actions/weights.js';
import {liveWans} from '../../pcc/live.js';
import type {RouterConfig} from '../../pcc/types.js';
import {planWeights, ruleLine, WeightError} from '../../pcc/weights.js';
import type {RouterApi} from '../../routeros/types.js';
import type {WanView} from '../../monitor/wans.js';
import type {ActionContext, MonitorActions} from '../actions.js';
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
}

/** The f / w / u handlers the App plugs in. */
export function monitorActions(options: MonitorActionsOptions): MonitorActions {
	const portOf = (api: RouterApi | undefined): number | undefined => {
		const port = (api as {port?: unknown} | undefined)?.port;
		return typeof port === 'number' ? port : undefined;
	};
	const routerOf = (context: ActionContext) => ({
		host: options.host,
		port: options.port ?? portOf(options.api()),
		identity: context.state.snapshot?.config.identity ?? '',
	});

	const audit = async (context: ActionContext, record: AuditRecord): Promise<void> => {
		try {
			await appendAudit({router: routerOf(context), account: options.account, ...record}, options.auditPath);
		} catch (error) {
			context.report(`could not write the audit log: ${errorText(error)}`, 'warning');
		}
	};

	const live = (context: ActionContext): RouterApi | undefined => {
		const api = options.api();
		if (!api) context.notify('not connected to the router right now; try again once the link is live');
		return api;
	};

	const routerContext = (api: RouterApi): RouterContext => ({router: api, readConfig: options.readConfig, reconnect: options.reconnect});

	const openFlush = (context: ActionContext, wan: WanView): void => {
		const api = live(context);
		if (!api) return;
		const snapshot = context.state.snapshot;
		const mark = wan.connectionMark;
		const scopeFor = (choice: 'all' | 'stuck'): FlushScope => {
			if (choice === 'all' || !snapshot) return {kind: 'all'};
			const wans = liveWans(snapshot.topology.wans, snapshot.routes, snapshot.counts);
			return {kind: 'stuck', workingAddresses: workingAddresses(snapshot.config.addresses, wans, wan.name)};
		};
		context.openDialog(
			<FlushDialog
				wan={wan.name}
				mark={mark}
				routeDown={!wan.routeActive}
				loadCounts={() => countMarked(api, mark)}
				loadStuck={async () => (await listFlushIds(api, mark, scopeFor('stuck'))).length}
				flush={(choice, signal, onProgress) => flushMark(api, {mark, scope: scopeFor(choice), signal, onProgress})}
				onDone={outcome => {
					if (!outcome) {
						context.closeDialog();
						return;
					}
					const result = outcome.result;
					const complete = result !== undefined && flushComplete(result);
					const status = !result ? 'failed' : complete ? 'ok' : result.cancelled ? 'cancelled' : result.remaining === null ? 'unknown' : 'partial';
					// Logged before the dialog closes, so what the screen reports is already on record.
					void audit(context, flushRecord({wan: wan.name, mark, scope: outcome.scope ?? 'all'}, null, result ?? null, status, outcome.line)).then(() => {
						context.closeDialog();
						context.report(outcome.line, complete ? 'good' : 'warning');
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
			const plan = (weights: Record<string, number>) => planWeights(topology, config.mangle, weights);
			const preview = (weights: Record<string, number>): WeightsPreview => {
				try {
					const planned = plan(weights);
					return {ok: true, denominator: planned.denominator, buckets: Object.fromEntries(planned.wans.map(wan => [wan.name, wan.remainders])), diff: planned.diff};
				} catch (error) {
					if (error instanceof WeightError) return {ok: false, error: error.message};
					throw error;
				}
			};
			context.openDialog(
				<WeightsEditor
					wans={topology.wans.map(wan => ({name: wan.name, weight: wan.remainders.length}))}
					preview={preview}
					apply={async (weights, onStep) => {
						const planned = plan(weights);
						const outcome = await applyWeights(routerContext(api), config, planned, onStep);
						await audit(context, weightsRecord(planned, outcome));
						return {ok: outcome.result === 'ok', line: outcome.message, differences: outcome.differences};
					}}
					onDone={outcome => {
						context.closeDialog();
						if (!outcome) return;
						context.report(outcome.line, /^weights now/.test(outcome.line) ? 'good' : 'warning');
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
			void (async () => {
				const mangle = await readMangle(api);
				const found = await findUndo(routerOf(context), mangle, options.auditPath);
				if (!found.ok) {
					context.notify(found.message);
					return;
				}
				const {entry, snapshot} = found;
				context.openDialog(
					<UndoDialog
						change={`the weights change of ${entry.time} by ${entry.account} (${entry.message})`}
						rules={snapshot.rules.map(ruleLine)}
						run={async () => {
							const outcome = await undoWeights(routerContext(api), snapshot);
							await audit(context, undoRecord(entry, mangle, outcome));
							return {ok: outcome.result === 'ok', line: outcome.message};
						}}
						onDone={result => {
							context.closeDialog();
							if (!result) return;
							context.report(`undo: ${result.line}`, result.ok ? 'good' : 'warning');
							context.refresh();
						}}
					/>,
				);
			})().catch((error: unknown) => context.notify(`undo: ${errorText(error)}`));
		},
	};
}
