import {requireWrite} from '../actions/access.js';
import {countFlush, flushLine, flushStatus, flushTarget, recordFlush, runFlush as runFlushAction, type FlushScopeKind, type FlushTarget} from '../actions/flush-action.js';
import type {ConnectionCountsByProtocol} from '../actions/flush.js';
import {findWan, wanNames} from '../pcc/find-wan.js';
import {configRouteStates} from '../pcc/route-state.js';
import {groupThousands} from '../pcc/thousands.js';
import {askConsent, complain, exit, say, withTarget, type ActionTarget} from './act.js';
import {exitFor, interruptible} from './interrupts.js';
import type {CliOptions} from './options.js';

function split(counts: ConnectionCountsByProtocol): string {
	return `tcp ${groupThousands(counts.tcp)}, udp ${groupThousands(counts.udp)}, icmp ${groupThousands(counts.icmp)}, other ${groupThousands(counts.other)}`;
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
	const flush = flushTarget(wan, {wans: target.topology.wans, routes: configRouteStates(target.config), addresses: target.config.addresses});
	const kind: FlushScopeKind = options.stuck ? 'stuck' : 'all';
	if (options.stuck && !flush.stuckScope) {
		complain(`${wan.name}'s route is up, so none of its connections are stuck; flush without --stuck to remove them all. Nothing was changed`);
		return exit.usage;
	}
	const {counts, stuck} = await countFlush(target.connection, flush, options.stuck);
	say(`${target.config.identity}: ${groupThousands(counts.total)} connections carry ${flush.mark} (${wan.name}): ${split(counts)}`);
	const chosen = stuck ?? counts.total;
	const which = stuck === null ? 'connections' : 'stuck connections';
	if (stuck !== null && counts.total > 0) {
		say(`${groupThousands(stuck)} of them are stuck, left by ${wan.name} before its route went down; the other ${groupThousands(Math.max(0, counts.total - stuck))} left by another WAN and work`);
	}
	if (chosen === 0) {
		say('nothing to flush');
		return exit.ok;
	}
	if (options.dryRun) {
		say(`dry run: would remove these ${groupThousands(chosen)} ${which}; nothing was changed`);
		return exit.ok;
	}
	const consent = await askConsent(options, `Remove the ${groupThousands(chosen)} ${which} carrying ${flush.mark}? They reconnect on their next packet.`);
	if (consent === 'no-terminal') {
		complain('flush needs --yes when not run on a terminal; nothing was changed');
		return exit.usage;
	}
	if (consent === 'no') {
		say('nothing was changed');
		return exit.ok;
	}
	return removeAndRecord(target, flush, kind, counts);
}

async function removeAndRecord(target: ActionTarget, flush: FlushTarget, kind: FlushScopeKind, counts: ConnectionCountsByProtocol): Promise<number> {
	const progress = process.stderr.isTTY
		? (done: number, total: number) => process.stderr.write(`\r${groupThousands(done)} of ${groupThousands(total)}`)
		: undefined;
	let failure: unknown;
	const {value: result, signal} = await interruptible(async cancel => {
		try {
			return await runFlushAction(target.session, flush, kind, {
				signal: cancel,
				onProgress: progress && (step => progress(step.removed + step.alreadyGone, step.total)),
			});
		} catch (error) {
			failure = error;
			return null;
		}
	});
	if (progress) process.stderr.write('\n');
	const stopped = signal ? ` (stopped by ${signal})` : '';
	const line = result ? `${flushLine(flush, result)}${stopped}` : `flush ${flushLine(flush, null, failure)}${stopped}`;
	const auditError = await recordFlush(target.trail, flush, kind, counts, result, line);
	if (auditError) complain(auditError);
	(result ? say : complain)(line);
	return exitFor(signal, flushStatus(result) === 'ok' ? exit.ok : exit.partial);
}
