import {Box, Text} from 'ink';
import {fit, titleRule} from './format.js';
import {activeBindings, keyBindings} from './keys.js';
import {replayBindings} from './replay.js';

/** Every key and what it does (a replay's own first); takes the place of the panes until a key closes it. */
export function HelpOverlay({width, height, readOnly, replay = false}: {width: number; height: number; readOnly: string | null; replay?: boolean}) {
	const bindings = [...(replay ? replayBindings : []), ...activeBindings({readOnly: false, filtered: true, replay})];
	const lines = bindings.map(({keys, what}) => `${fit(keys, 12)}${what}`);
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
