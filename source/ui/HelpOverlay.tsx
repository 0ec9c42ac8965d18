import {Box, Text} from 'ink';
import {fit, titleRule} from './format.js';
import {keyHelp} from './keys.js';

/** Every key and what it does; takes the place of the panes until a key closes it. */
export function HelpOverlay({width, height, readOnly}: {width: number; height: number; readOnly: string | null}) {
	const lines = keyHelp.map(([keys, what]) => `${fit(keys, 12)}${what}`);
	if (readOnly) lines.push(`read-only (${readOnly}): f, w and u are off`);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<Text bold wrap="truncate-end">
				{titleRule('─ Keys (any key closes) ', width)}
			</Text>
			{lines.slice(0, Math.max(0, height - 1)).map(line => (
				<Text key={line} wrap="truncate-end">
					{line}
				</Text>
			))}
		</Box>
	);
}
