import {Box, Text} from 'ink';
import {fit, titleRule} from './format.js';
import {keyBindings} from './keys.js';

/** Every key and what it does; takes the place of the panes until a key closes it. */
export function HelpOverlay({width, height, readOnly}: {width: number; height: number; readOnly: string | null}) {
	const lines = keyBindings.map(({keys, what}) => `${fit(keys, 12)}${what}`);
	if (readOnly) {
		const off = keyBindings.filter(binding => binding.acts).map(binding => binding.keys);
		lines.push(`read-only (${readOnly}): ${off.slice(0, -1).join(', ')} and ${off.at(-1)} are off`);
	}
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
