import {Box, Text} from 'ink';
import type {Problem} from '../pcc/types.js';
import {problemName} from '../pcc/problems/problem.js';
import {wrap} from './format.js';
import {useTheme} from './theme.js';

function problemTitle(problem: Problem): string {
	return `${problem.severity === 'error' ? '✗' : '!'} ${problemName(problem)}`;
}

/** The lines the findings take at `width`: errors first, each fix wrapped under its code. */
export function problemLines(problems: Problem[], width: number): Array<{key: string; text: string; severity?: Problem['severity']}> {
	const sorted = [...problems].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
	return sorted.flatMap(problem => [
		{key: `${problem.code}:${problem.subject}`, text: problemTitle(problem), severity: problem.severity},
		...wrap(problem.message, width - 4).map((text, index) => ({key: `${problem.code}:${problem.subject}:${index}`, text: `    ${text}`})),
	]);
}

/** The findings of the problem checks, errors first; each fix wrapped under its code. */
export function ProblemsPane({problems, width, height, scroll}: {problems: Problem[]; width: number; height: number; scroll: number}) {
	const theme = useTheme();
	if (problems.length === 0) return <Text color={theme.tone('good')}>no problems found in the PCC set-up</Text>;
	const lines = problemLines(problems, width);
	const first = Math.max(0, Math.min(scroll, lines.length - height));
	return (
		<Box flexDirection="column">
			{lines.slice(first, first + height).map(line => (
				<Text key={line.key} color={line.severity ? theme.tone(line.severity === 'error' ? 'bad' : 'warn') : undefined} wrap="truncate-end">
					{line.text}
				</Text>
			))}
		</Box>
	);
}
