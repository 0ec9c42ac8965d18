import {Box, Text} from 'ink';
import type {MonitorState} from '../monitor/state.js';
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
				<Text color={theme.tone('warn')}>{badge}</Text>
				<Text color={theme.tone(link.tone)}>{link.detail ? `  ${link.detail}` : ''}</Text>
			</Text>
		</Box>
	);
}
