import {Box, Text} from 'ink';
import {pickForm, type Column} from './columns.js';
import {fit} from './format.js';
import {useTheme} from './theme.js';

export function TableHeader<Row>({columns}: {columns: Array<Column<Row>>}) {
	return (
		<Text bold wrap="truncate-end">
			{columns.map(column => fit(column.title, column.width, column.align)).join(' ')}
		</Text>
	);
}

/** One row: each cell cut to its column, coloured by its tone when colour is on. */
export function TableRow<Row>({columns, row, inverse, dim}: {columns: Array<Column<Row>>; row: Row; inverse?: boolean; dim?: boolean}) {
	const theme = useTheme();
	return (
		<Box>
			<Text wrap="truncate-end" inverse={inverse} dimColor={dim}>
				{columns.map((column, index) => (
					<Text key={column.title} color={theme.tone(column.tone?.(row))}>
						{fit(pickForm(column.text(row, column.width), column.width), column.width, column.align) + (index < columns.length - 1 ? ' ' : '')}
					</Text>
				))}
			</Text>
		</Box>
	);
}
