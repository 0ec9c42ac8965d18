import {Text} from 'ink';
import {clip} from './format.js';
import {useTheme} from './theme.js';

const hints = '↑↓ WAN  tab pane  space freeze  r refresh  c chart  f flush  ? help  q quit';

/** The bottom line: the common keys, or a message that answers the last key. */
export function HintLine({notice, width}: {notice: string | null; width: number}) {
	const theme = useTheme();
	if (notice) {
		return (
			<Text color={theme.tone('warn')} wrap="truncate-end">
				{clip(notice, width)}
			</Text>
		);
	}
	return (
		<Text dimColor wrap="truncate-end">
			{clip(hints, width)}
		</Text>
	);
}
