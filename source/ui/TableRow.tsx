import {Box, Text} from 'ink';
import {cellLines, type Column} from './columns.js';
import {fit} from './format.js';
import {useTheme} from './theme.js';

export function TableHeader<Row>({columns}: {columns: Array<Column<Row>>}) {
	return (
		<Text bold wrap="truncate-end">
			{columns.map(column => fit(column.title, column.width, column.align)).join(' ')}
		</Text>
	);
}

/**
 * One row: each cell cut to its column, coloured by its tone when colour is on. A column that
 * wraps makes the row as tall as that cell; the other cells are blank below their first line.
 */
export function TableRow<Row>({columns, row, inverse, dim}: {columns: Array<Column<Row>>; row: Row; inverse?: boolean; dim?: boolean}) {
	const theme = useTheme();
	const cells = columns.map(column => cellLines(column, row));
	const height = Math.max(1, ...cells.map(lines => lines.length));
	return (
		<Box flexDirection="column">
			{Array.from({length: height}, (_unused, line) => (
				<Text key={line} wrap="truncate-end" inverse={inverse} dimColor={dim}>
					{columns.map((column, index) => (
						<Text key={column.title} color={theme.tone(column.tone?.(row))}>
							{fit(cells[index][line] ?? '', column.width, column.align) + (index < columns.length - 1 ? ' ' : '')}
						</Text>
					))}
				</Text>
			))}
		</Box>
	);
}
