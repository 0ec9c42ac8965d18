import {Box, Text} from 'ink';
import type {MonitorState} from '../monitor/state.js';
import {balancingStatus} from '../pcc/status.js';
import {severityCounts} from '../pcc/problems/problem.js';
import type {Problem} from '../pcc/types.js';
import type {ReplayPosition} from '../record/replay.js';
import {screenDateTime} from '../time-text.js';
import {age, clip, intervalText, wrap} from './format.js';
import {useTheme, type Tone} from './theme.js';

/** Data older than this many intervals (plus a second) is stale, whatever the link says. */
const staleIntervals = 2;

/** The link state in a few words, and what went wrong (shown last: it may be long). */
export function linkText(state: MonitorState): {text: string; tone: Tone; detail: string} {
	if (state.frozen) return {text: '❚❚ FROZEN (space resumes)', tone: 'warn', detail: ''};
	switch (state.link.kind) {
		case 'connecting':
			return {text: '◌ connecting', tone: 'warn', detail: ''};
		case 'live':
			return state.lastError
				? {text: '● live', tone: 'warn', detail: `last poll failed: ${state.lastError.message}`}
				: {text: '● live', tone: 'good', detail: ''};
		case 'reconnecting':
			return {text: `◌ reconnecting ${state.link.attempt}`, tone: 'bad', detail: state.link.error};
	}
}

export function dataAge(state: MonitorState, now: number): {text: string; stale: boolean} {
	if (!state.snapshot) return {text: 'no data yet', stale: true};
	const ms = now - state.snapshot.at;
	const stale = ms > staleIntervals * state.intervalMs + 1000;
	return {text: stale ? `data ${age(ms)} old, STALE` : `data ${age(ms)} old`, stale};
}

/** `3.5 s`, `12 s`: the counting note's durations. */
function seconds(ms: number): string {
	return `${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000)} s`;
}

/**
 * Why the connection counts are older than the rest, when they are: counting costs the
 * router a walk of its connection table per mark, so it is done less often than polling.
 */
export function countingText(state: MonitorState, now: number): string {
	const counting = state.snapshot?.counting;
	if (!counting || counting.everyMs <= state.intervalMs) return '';
	return `counts every ${seconds(counting.everyMs)}: the router takes ${seconds(counting.routerMs)} per count, ${age(now - counting.at)} ago`;
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 errors 8 warnings — 6 shows them`; nothing when the checks found nothing. */
export function findingsText(problems: Problem[], shown: boolean): string {
	const {errors, warnings} = severityCounts(problems);
	if (problems.length === 0) return '';
	const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(part => part !== '').join(' ');
	return shown ? counts : `${counts} — 6 shows them`;
}

/**
 * The rest of the status line, as much as fits: the findings count is kept whole, and what
 * gives way first is the refresh interval, then "— 6 shows them", then the read-only reason
 * (which `f` and `?` still say).
 */
function statusParts(state: MonitorState, width: number, known: {link: string; age: string; problemsShown: boolean}): {every: string; findings: string; badge: string} {
	const problems = state.snapshot?.topology.problems ?? [];
	const every = `  every ${intervalText(state.intervalMs)}`;
	const long = findingsText(problems, known.problemsShown);
	const short = findingsText(problems, true);
	const badge = state.readOnly ? `  [READ-ONLY: ${state.readOnly}]` : '';
	const bare = state.readOnly ? '  [READ-ONLY]' : '';
	const pad = (text: string) => (text ? `  ${text}` : '');
	const candidates = [
		{every, findings: pad(long), badge},
		{every: '', findings: pad(long), badge},
		{every: '', findings: pad(short), badge},
		{every, findings: pad(long), badge: bare},
		{every: '', findings: pad(long), badge: bare},
		{every: '', findings: pad(short), badge: bare},
	];
	const length = (parts: {every: string; findings: string; badge: string}) => [...`${known.link}  ${known.age}${parts.every}${parts.findings}${parts.badge}`].length;
	return candidates.find(parts => length(parts) <= width) ?? candidates.at(-1)!;
}

/** What went wrong with the link, in full: wrapped under the header, never cut. */
export function linkDetailLines(state: MonitorState, width: number): string[] {
	return wrap(linkText(state).detail, width);
}

/** `DEGRADED: why` when PCC is configured but balancing nothing; a WAN that is down says so in its own row. */
function degradedText(state: MonitorState): string {
	const balancing = state.snapshot ? balancingStatus(state.snapshot.topology, state.wans, state.snapshot.counts) : null;
	return balancing?.notBalancing ? `DEGRADED: ${balancing.reason}` : '';
}

/** Lines under the status line, in full: not balancing, the link's trouble, how often counts come. */
function detailLines(state: MonitorState, width: number, now: number): Array<{text: string; tone?: Tone; bold?: boolean}> {
	return [
		...wrap(degradedText(state), width).map(text => ({text, tone: 'bad' as const, bold: true})),
		...linkDetailLines(state, width).map(text => ({text, tone: linkText(state).tone})),
		...wrap(countingText(state, now), width).map(text => ({text})),
	];
}

/** The header's height at `width`: two lines, and the details under them. */
export function headerHeight(state: MonitorState, width: number, now: number): number {
	return 2 + detailLines(state, width, now).length;
}

/**
 * `▶ REPLAY 2026-12-01 03:12:05 ×4  poll 120/900`: a recording, not a router, with where it
 * stands; always with its date, since a recording is of another moment than now.
 */
function replayText(position: ReplayPosition): string {
	const speed = position.speed === 1 ? '' : ` ×${position.speed}`;
	return `${position.playing ? '▶' : '❚❚'} REPLAY ${screenDateTime(position.at)}${speed}  poll ${position.poll}/${position.polls}`;
}

export function Header({state, width, now, problemsShown = false, replay = null}: {state: MonitorState; width: number; now: number; problemsShown?: boolean; replay?: ReplayPosition | null}) {
	const theme = useTheme();
	const router = state.snapshot?.router;
	const identity = router
		? [
				router.identity || '(no identity)',
				`RouterOS ${router.version.replace(/\s*\(.*\)$/, '')}`,
				router.board,
				`up ${router.uptime}`,
				`cpu ${router.cpuLoad ?? '–'}%`,
				`rtt ${state.snapshot!.rttMs.toFixed(0)}ms`,
			].join('  ')
		: 'waiting for the router…';
	const link = replay ? {text: replayText(replay), tone: 'accent' as Tone, detail: ''} : linkText(state);
	const freshness = dataAge(state, now);
	const problems = state.snapshot?.topology.problems ?? [];
	const worst: Tone = problems.some(problem => problem.severity === 'error') ? 'bad' : 'warn';
	const status = statusParts(state, width, {link: link.text, age: freshness.text, problemsShown});
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end">
				<Text bold color={theme.tone('accent')}>pccmon </Text>
				{clip(identity, Math.max(0, width - 7))}
			</Text>
			<Text wrap="truncate-end">
				<Text color={theme.tone(link.tone)} bold>{link.text}</Text>
				{'  '}
				<Text color={freshness.stale ? theme.tone('bad') : undefined}>{freshness.text}</Text>
				{status.every}
				<Text color={theme.tone(worst)}>{status.findings}</Text>
				<Text color={theme.tone('warn')}>{status.badge}</Text>
			</Text>
			{detailLines(state, width, now).map((line, index) => (
				<Text key={index} color={theme.tone(line.tone)} bold={line.bold} dimColor={!line.tone} wrap="truncate-end">
					{line.text}
				</Text>
			))}
		</Box>
	);
}
