import {Box, Text} from 'ink';
import type {MonitorEvent} from '../monitor/types.js';
import {screenTime} from '../time-text.js';
import {useTheme, type Tone} from './theme.js';

const marks: Record<MonitorEvent['severity'], string> = {info: '·', good: '✓', warning: '!', error: '✗'};
const tones: Record<MonitorEvent['severity'], Tone | null> = {info: null, good: 'good', warning: 'warn', error: 'bad'};

/** `21:37:41 ✗ wan2 DOWN…`: the time as the screen shows times, the date too when not of `now`'s day. */
export function eventLine(event: MonitorEvent, now: number): string {
	return `${screenTime(event.at, now)} ${marks[event.severity]} ${event.text}`;
}

/** Newest at the bottom; `scroll` lines back from the newest. */
export function EventsPane({events, now, height, scroll, filtered = false}: {events: MonitorEvent[]; now: number; height: number; scroll: number; filtered?: boolean}) {
	const theme = useTheme();
	if (events.length === 0) return <Text dimColor>{filtered ? 'no event matches the filter (esc clears it)' : 'no events yet: changes show up here as they happen'}</Text>;
	const end = Math.max(Math.min(height, events.length), events.length - scroll);
	const shown = events.slice(Math.max(0, end - height), end);
	return (
		<Box flexDirection="column">
			{shown.map((event, index) => (
				<Text key={`${event.at}-${index}`} color={theme.tone(tones[event.severity])} wrap="truncate-end">
					{eventLine(event, now)}
				</Text>
			))}
		</Box>
	);
}
