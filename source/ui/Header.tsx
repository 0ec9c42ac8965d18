import {Box, Text} from 'ink';
import type {MonitorState} from '../monitor/state.js';
import {balancingStatus} from '../pcc/status.js';
import {age, clip, intervalText} from './format.js';
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

export function Header({state, width, now}: {state: MonitorState; width: number; now: number}) {
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
	const link = linkText(state);
	const freshness = dataAge(state, now);
	const badge = state.readOnly ? `  [READ-ONLY: ${state.readOnly}]` : '';
	const counting = countingText(state, now);
	const balancing = state.snapshot ? balancingStatus(state.snapshot.topology, state.wans, state.snapshot.counts) : null;
	// A WAN that is down says so in its own row; this is for PCC configured but balancing nothing.
	const degraded = balancing?.notBalancing ? `  DEGRADED: ${balancing.reason}` : '';
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
				{`  every ${intervalText(state.intervalMs)}`}
				{counting ? `  ${counting}` : ''}
				<Text color={theme.tone('warn')}>{badge}</Text>
				<Text color={theme.tone('bad')} bold>{degraded}</Text>
				<Text color={theme.tone(link.tone)}>{link.detail ? `  ${link.detail}` : ''}</Text>
			</Text>
		</Box>
	);
}
