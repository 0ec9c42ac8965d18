import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {titleRule} from './format.js';
import {paneOrder, paneTitles, type PaneName} from './panes.js';
import {useTheme} from './theme.js';

/** A titled pane clipped to its box: content never spills into its neighbours. */
export function Pane({pane, title, focused, width, height, children}: {
	pane: PaneName;
	title?: string;
	focused: boolean;
	width: number;
	height: number;
	children: ReactNode;
}) {
	const theme = useTheme();
	const label = `${focused ? '▶' : '─'} ${paneOrder.indexOf(pane) + 1} ${title ?? paneTitles[pane]} `;
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<Text bold={focused} color={focused ? theme.tone('accent') : undefined} wrap="truncate-end">
				{titleRule(label, width)}
			</Text>
			<Box flexDirection="column" height={Math.max(0, height - 1)} overflowY="hidden">
				{children}
			</Box>
		</Box>
	);
}
