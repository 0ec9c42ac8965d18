import {appendAudit, type AuditResult} from '../../actions/audit.js';
import {afterCounts, countMarked, flushComplete, flushMark, listFlushIds, workingAddresses, type FlushScope} from '../../actions/flush.js';
import type {RouterConfig} from '../../pcc/types.js';
import {liveWans} from '../../pcc/live.js';
import type {RouterApi} from '../../routeros/types.js';
import type {ActionContext, MonitorActions} from '../actions.js';
import {FlushDialog} from './flush-dialog.js';

/** What the screen's actions need from the program that runs it. */
export interface MonitorActionsOptions {
	/** The live connection, or undefined while there is none. */
	api: () => RouterApi | undefined;
	readConfig: (api: RouterApi) => Promise<RouterConfig>;
	/** Where the router was reached, for the audit log. */
	host: string;
	port?: number;
	account: string;
	/** Audit log path; the default location when absent. */
	auditPath?: string;
}

function offline(context: ActionContext): RouterApi | undefined {
	context.notify('not connected to the router right now; try again once the link is live');
	return undefined;
}

/** The f / w / u handlers the App plugs in. */
export function monitorActions(options: MonitorActionsOptions): MonitorActions {
	const audit = async (context: ActionContext, entry: {action: 'flush' | 'weights' | 'weights-undo'; parameters: Record<string, unknown>; result: AuditResult; message: string; before?: object; after?: object; undoes?: string}) => {
		try {
			await appendAudit({
				router: {host: options.host, port: options.port, identity: context.state.snapshot?.config.identity ?? ''},
				account: options.account,
				before: {},
				after: {},
				...entry,
			}, options.auditPath);
		} catch (error) {
			context.report(`could not write the audit log: ${error instanceof Error ? error.message : String(error)}`, 'warning');
		}
	};

	return {
		flush(context) {
			const {wan, state} = context;
			if (!wan || !wan.connectionMark) {
				context.notify(wan ? `${wan.name} has no connection mark to flush` : 'no WAN selected');
				return;
			}
			const api = options.api() ?? offline(context);
			if (!api) return;
			const snapshot = state.snapshot;
			const routeDown = !wan.routeActive;
			const mark = wan.connectionMark;
			const scopeFor = (choice: 'all' | 'stuck'): FlushScope => {
				if (choice === 'all' || !snapshot) return {kind: 'all'};
				const live = liveWans(snapshot.topology.wans, snapshot.routes, snapshot.counts);
				return {kind: 'stuck', workingAddresses: workingAddresses(snapshot.config.addresses, live, wan.name)};
			};
			context.openDialog(
				<FlushDialog
					wan={wan.name}
					mark={mark}
					routeDown={routeDown}
					loadCounts={() => countMarked(api, mark)}
					loadStuck={async () => (await listFlushIds(api, mark, scopeFor('stuck'))).length}
					flush={(choice, signal, onProgress) => flushMark(api, {mark, scope: scopeFor(choice), signal, onProgress})}
					onDone={outcome => {
						context.closeDialog();
						if (!outcome) return;
						const complete = outcome.result ? flushComplete(outcome.result) : false;
						context.report(outcome.line, complete ? 'good' : 'warning');
						void audit(context, {
							action: 'flush',
							parameters: {wan: wan.name, mark},
							result: outcome.result ? (complete ? 'ok' : outcome.result.cancelled ? 'cancelled' : 'partial') : 'failed',
							message: outcome.line,
							after: outcome.result ? {connections: afterCounts(outcome.result)} : {},
						});
						context.refresh();
					}}
				/>,
			);
		},
	};
}
