import {groupThousands} from '../pcc/thousands.js';
import {balancingStatus, type BalancingStatus} from '../pcc/status.js';
import {problemCount, problemLine} from '../pcc/problems/problem.js';
import {roundShare} from '../pcc/wans.js';
import {fullTime} from '../time-text.js';
import {percents} from './format.js';
import type {ConnectionCounts, HashFields, LiveWan, OutputGroup, Problem, Topology} from '../pcc/types.js';

/** `pccmon HOST --once --json`, field for field: monitoring systems parse it, so its shape changes only on purpose. */
export interface OnceDocument {
	router: {host: string; identity: string; version: string; board: string; uptime: string};
	routeros: 6 | 7;
	pcc: {
		hash: HashFields | null;
		denominator: number | null;
		wans: Array<{
			name: string;
			connectionMark: string;
			otherConnectionMarks: string[];
			routingMark: string;
			remainders: number[];
			share: number;
			gateways: string[];
			checkGateway: string | null;
			interface: string | null;
			netwatch: Array<{host: string; status: string}>;
			connections: number;
			actualShare: number;
			routeActive: boolean;
			state: 'up' | 'down';
		}>;
		outputGroup: OutputGroup | null;
		fallbackMainRoute: boolean;
		problems: Array<Pick<Problem, 'code' | 'subject' | 'severity' | 'message'>>;
	};
	connections: ConnectionCounts;
	/**
	 * What counting cost the router (ms, at most: the counts' round trip), and how
	 * far apart the live screen would count at `--interval` to keep that within its budget.
	 */
	counting: {routerMs: number; everyMs: number; intervalMs: number};
	status: 'ok' | 'degraded';
	/** Why the status is what it is, in one line. */
	reason: string;
}

export interface OnceInputs {
	host: string;
	identity: string;
	version: string;
	board: string;
	uptime: string;
	topology: Topology;
	wans: LiveWan[];
	counts: ConnectionCounts;
	counting: OnceDocument['counting'];
}

function statusOf({status, reason}: BalancingStatus): Pick<OnceDocument, 'status' | 'reason'> {
	return {status, reason};
}

export function onceDocument(inputs: OnceInputs): OnceDocument {
	const {topology} = inputs;
	return {
		router: {host: inputs.host, identity: inputs.identity, version: inputs.version, board: inputs.board, uptime: inputs.uptime},
		routeros: topology.routeros,
		pcc: {
			hash: topology.hash,
			denominator: topology.denominator,
			wans: inputs.wans.map(wan => ({
				name: wan.name,
				connectionMark: wan.connectionMark,
				otherConnectionMarks: wan.otherConnectionMarks,
				routingMark: wan.routingMark,
				remainders: wan.remainders,
				share: roundShare(wan.share),
				gateways: wan.gateways,
				checkGateway: wan.checkGateway,
				interface: wan.interface,
				netwatch: wan.netwatch.map(probe => ({host: probe.host, status: probe.status})),
				connections: wan.connections,
				actualShare: roundShare(wan.actualShare),
				routeActive: wan.routeActive,
				state: wan.state,
			})),
			outputGroup: topology.outputGroup,
			fallbackMainRoute: topology.fallbackMainRoute,
			problems: topology.problems.map(problem => ({code: problem.code, subject: problem.subject, severity: problem.severity, message: problem.message})),
		},
		connections: inputs.counts,
		counting: inputs.counting,
		...statusOf(balancingStatus(topology, inputs.wans, inputs.counts)),
	};
}

interface Paint {
	good(text: string): string;
	bad(text: string): string;
	warn(text: string): string;
	bold(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001B[${code}m${text}\u001B[0m`;
const colours: Paint = {good: ansi(32), bad: ansi(31), warn: ansi(33), bold: ansi(1)};
const plain: Paint = {good: text => text, bad: text => text, warn: text => text, bold: text => text};

function percent(share: number): string {
	return `${(share * 100).toFixed(1)}%`;
}

function plural(count: number, word: string): string {
	return `${groupThousands(count)} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The readable `--once` report: router, the moment it reports (`at`, when the router was read),
 * each WAN, connections, problems, status.
 */
export function renderReport(document: OnceDocument, options: {color: boolean; at?: number}): string {
	const paint = options.color ? colours : plain;
	const {router, pcc} = document;
	const lines: string[] = [];
	const name = router.identity || router.host;
	const details = [router.board, `RouterOS ${router.version}`].filter(Boolean).join(', ');
	lines.push(`${paint.bold('Router')}  ${name} (${details}) at ${router.host}${router.uptime ? `, up ${router.uptime}` : ''}`);
	if (options.at !== undefined) lines.push(`${paint.bold('Time')}    ${fullTime(options.at)}`);
	if (pcc.hash === null) {
		lines.push(`${paint.bold('PCC')}     none found: no enabled per-connection-classifier rule is reached from prerouting`);
	} else {
		lines.push(`${paint.bold('PCC')}     ${pcc.hash}, ${plural(pcc.denominator ?? 0, 'bucket')}`);
	}
	lines.push(`        table main ${pcc.fallbackMainRoute ? 'has a default route' : paint.warn('has no default route')}`);
	if (pcc.outputGroup) {
		const marks = Object.entries(pcc.outputGroup.marks).map(([remainder, mark]) => `${remainder}→${mark}`).join(' ');
		lines.push(`        output chain group: ${pcc.outputGroup.hash}, ${plural(pcc.outputGroup.denominator, 'bucket')} (${marks})`);
	}
	const actual = percents(pcc.wans.map(wan => wan.actualShare), 1);
	for (const [index, wan] of pcc.wans.entries()) {
		lines.push('');
		const state = wan.state === 'up' ? paint.good('up') : paint.bad('DOWN');
		// Not "inbound only": a WAN drained by a weight of 0 or by disabling its PCC rules has none either.
		const buckets = wan.remainders.length > 0 ? `buckets ${wan.remainders.join(',')}` : 'no buckets (no new connections)';
		lines.push(`${paint.bold(`WAN ${wan.name}`)}  ${state}  ${buckets}  share ${percent(wan.share)} configured, ${actual[index]} actual  ${plural(wan.connections, 'connection')}`);
		const marks = [wan.connectionMark, ...wan.otherConnectionMarks].filter(Boolean).join(', ');
		lines.push(`    marks     connection ${marks || '-'}, routing ${wan.routingMark}`);
		const gateway = wan.gateways.length > 0 ? wan.gateways.join(', ') : 'none';
		const check = wan.checkGateway ? `check-gateway ${wan.checkGateway}` : 'no check-gateway';
		const via = wan.interface ? ` via ${wan.interface}` : '';
		const route = wan.routeActive ? 'route active' : paint.bad('route inactive');
		lines.push(`    gateway   ${gateway}${via} (${check}), ${route}`);
		for (const probe of wan.netwatch) {
			const status = probe.status === 'up' ? paint.good('up') : probe.status === 'down' ? paint.bad('down') : probe.status;
			lines.push(`    netwatch  ${probe.host} ${status}`);
		}
	}
	lines.push('');
	const {connections} = document;
	lines.push(`${paint.bold('Connections')}  ${groupThousands(connections.total)} total, ${groupThousands(connections.unmarked)} unmarked`);
	if (pcc.problems.length > 0) {
		lines.push('');
		lines.push(paint.bold(`Problems (${problemCount(pcc.problems)})`));
		for (const problem of pcc.problems) lines.push(`  ${(problem.severity === 'error' ? paint.bad : paint.warn)(problemLine(problem))}`);
	}
	lines.push('');
	lines.push(`${paint.bold('Status')}  ${document.status === 'ok' ? paint.good('ok') : paint.bad('degraded')}: ${document.reason}`);
	return `${lines.join('\n')}\n`;
}
