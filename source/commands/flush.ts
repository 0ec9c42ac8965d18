import {requireWrite} from '../actions/access.js';
import {appendAudit, type AuditResult} from '../actions/audit.js';
import {flushRecord} from '../actions/records.js';
import {errorText} from '../actions/failures.js';
import {
	countMarked,
	describeFlush,
	flushComplete,
	flushMark,
	listFlushIds,
	workingAddresses,
	type ConnectionCountsByProtocol,
	type FlushResult,
	type FlushScope,
} from '../actions/flush.js';
import {findWan, wanNames} from '../actions/target.js';
import {toRouteState} from '../monitor/source.js';
import {liveWans} from '../pcc/live.js';
import {groupThousands} from '../pcc/thousands.js';
import type {Wan} from '../pcc/types.js';
import {askConsent, complain, exit, say, withTarget, type ActionTarget} from './act.js';
import type {CliOptions} from './options.js';

function split(counts: ConnectionCountsByProtocol): string {
	return `tcp ${groupThousands(counts.tcp)}, udp ${groupThousands(counts.udp)}, icmp ${groupThousands(counts.icmp)}, other ${groupThousands(counts.other)}`;
}

/**
 * The stuck scope, from the routes as read: connections masqueraded to a WAN whose route is
 * up work and are kept. Undefined while the WAN's own route is up: then none are stuck.
 */
function stuckScope(target: ActionTarget, wan: Wan): FlushScope | undefined {
	const routes = target.config.routes.map(row => toRouteState(target.config.routeros, row));
	const wans = liveWans(target.topology.wans, routes, {total: 0, unmarked: 0, byMark: {}});
	if (wans.find(candidate => candidate.name === wan.name)?.routeActive) return undefined;
	return {kind: 'stuck', workingAddresses: workingAddresses(target.config.addresses, wans, wan.name)};
}

/**
 * `pccmon HOST flush WAN [--stuck] [--yes] [--dry-run]`: removes the connections carrying the
 * WAN's mark, or with --stuck only those it left with before its route went down.
 */
export function runFlush(options: CliOptions, wanText: string): Promise<number> {
	return withTarget(options, 'flush', target => flushOn(target, options, wanText));
}

async function flushOn(target: ActionTarget, options: CliOptions, wanText: string): Promise<number> {
	const wan = findWan(target.topology.wans, wanText);
	if (!wan || !wan.connectionMark) {
		complain(wan
			? `${wan.name} has no connection mark to flush`
			: `no WAN "${wanText}" on ${target.config.identity}; WANs: ${wanNames(target.topology.wans) || 'none found'}`);
		return exit.usage;
	}
	requireWrite(target.access, 'flush');
	const mark = wan.connectionMark;
	let scope: FlushScope = {kind: 'all'};
	if (options.stuck) {
		const stuck = stuckScope(target, wan);
		if (!stuck) {
			complain(`${wan.name}'s route is up, so none of its connections are stuck; flush without --stuck to remove them all. Nothing was changed`);
			return exit.usage;
		}
		scope = stuck;
	}
	const counts = await countMarked(target.connection, mark);
	say(`${target.config.identity}: ${groupThousands(counts.total)} connections carry ${mark} (${wan.name}): ${split(counts)}`);
	let chosen = counts.total;
	let which = 'connections';
	if (scope.kind === 'stuck' && counts.total > 0) {
		chosen = (await listFlushIds(target.connection, mark, scope)).length;
		which = 'stuck connections';
		say(`${groupThousands(chosen)} of them are stuck, left by ${wan.name} before its route went down; the other ${groupThousands(Math.max(0, counts.total - chosen))} left by another WAN and work`);
	}
	if (chosen === 0) {
		say('nothing to flush');
		return exit.ok;
	}
	if (options.dryRun) {
		say(`dry run: would remove these ${groupThousands(chosen)} ${which}; nothing was changed`);
		return exit.ok;
	}
	const consent = await askConsent(options, `Remove the ${groupThousands(chosen)} ${which} carrying ${mark}? They reconnect on their next packet.`);
	if (consent === 'no-terminal') {
		complain('flush needs --yes when not run on a terminal; nothing was changed');
		return exit.usage;
	}
	if (consent === 'no') {
		say('nothing was changed');
		return exit.ok;
	}

	const progress = process.stderr.isTTY
		? (done: number, total: number) => process.stderr.write(`\r${groupThousands(done)} of ${groupThousands(total)}`)
		: undefined;
	let result: FlushResult;
	try {
		result = await flushMark(target.connection, {
			mark,
			scope,
			onProgress: progress && (step => progress(step.removed + step.alreadyGone, step.total)),
		});
	} catch (error) {
		if (progress) process.stderr.write('\n');
		const message = `flush ${wan.name} failed: ${errorText(error)}`;
		await record(target, {wan: wan.name, mark, scope: scope.kind}, counts, null, 'failed', message);
		complain(message);
		return exit.partial;
	}
	if (progress) process.stderr.write('\n');
	if (result.interrupted) result = await recount(target, mark, result);
	const line = describeFlush(result, wan.name);
	const complete = flushComplete(result);
	await record(target, {wan: wan.name, mark, scope: scope.kind}, counts, result, complete ? 'ok' : result.remaining === null ? 'unknown' : 'partial', line);
	say(line);
	return complete ? exit.ok : exit.partial;
}

/** After a drop nothing is resent: reconnect and count what is really left. */
async function recount(target: ActionTarget, mark: string, result: FlushResult): Promise<FlushResult> {
	try {
		const router = await target.context.reconnect!();
		const remaining = await router.count('/ip/firewall/connection', [`connection-mark=${mark}`]);
		return {...result, remaining, interrupted: `${result.interrupted}; after reconnecting`};
	} catch (error) {
		return {...result, interrupted: `${result.interrupted}; reconnecting failed: ${errorText(error)}`};
	}
}

async function record(
	target: ActionTarget,
	parameters: {wan: string; mark: string; scope: FlushScope['kind']},
	counts: ConnectionCountsByProtocol,
	result: FlushResult | null,
	outcome: AuditResult,
	message: string,
): Promise<void> {
	await appendAudit({router: target.audit, account: target.account, ...flushRecord(parameters, counts, result, outcome, message)});
}
