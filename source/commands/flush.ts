import {requireWrite} from '../actions/access.js';
import {appendAudit, type AuditResult} from '../actions/audit.js';
import {flushRecord} from '../actions/records.js';
import {errorText} from '../actions/failures.js';
import {countMarked, describeFlush, flushComplete, flushMark, type ConnectionCountsByProtocol, type FlushResult} from '../actions/flush.js';
import {findWan, wanNames} from '../actions/target.js';
import {askConsent, complain, exit, say, withTarget, type ActionTarget} from './act.js';
import {groupThousands} from '../pcc/thousands.js';
import type {CliOptions} from './options.js';

function split(counts: ConnectionCountsByProtocol): string {
	return `tcp ${groupThousands(counts.tcp)}, udp ${groupThousands(counts.udp)}, icmp ${groupThousands(counts.icmp)}, other ${groupThousands(counts.other)}`;
}

/** `pccmon HOST flush WAN [--yes] [--dry-run]`: removes every connection carrying the WAN's mark. */
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
	const counts = await countMarked(target.connection, mark);
	say(`${target.config.identity}: ${groupThousands(counts.total)} connections carry ${mark} (${wan.name}): ${split(counts)}`);
	if (counts.total === 0) {
		say('nothing to flush');
		return exit.ok;
	}
	if (options.dryRun) {
		say(`dry run: would remove these ${groupThousands(counts.total)} connections; nothing was changed`);
		return exit.ok;
	}
	const consent = await askConsent(options, `Remove the ${groupThousands(counts.total)} connections carrying ${mark}? They reconnect on their next packet.`);
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
			onProgress: progress && (step => progress(step.removed + step.alreadyGone, step.total)),
		});
	} catch (error) {
		if (progress) process.stderr.write('\n');
		const message = `flush ${wan.name} failed: ${errorText(error)}`;
		await record(target, wan.name, mark, counts, null, 'failed', message);
		complain(message);
		return exit.partial;
	}
	if (progress) process.stderr.write('\n');
	if (result.interrupted) result = await recount(target, mark, result);
	const line = describeFlush(result, wan.name);
	const complete = flushComplete(result);
	await record(target, wan.name, mark, counts, result, complete ? 'ok' : result.remaining === null ? 'unknown' : 'partial', line);
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
	wan: string,
	mark: string,
	counts: ConnectionCountsByProtocol,
	result: FlushResult | null,
	outcome: AuditResult,
	message: string,
): Promise<void> {
	await appendAudit({router: target.audit, account: target.account, ...flushRecord({wan, mark, scope: 'all'}, counts, result, outcome, message)});
}
