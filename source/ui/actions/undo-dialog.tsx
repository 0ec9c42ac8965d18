import {useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {errorText} from '../../actions/failures.js';
import {changedAt} from '../format.js';

export interface UndoResult {
	ok: boolean;
	line: string;
	/** When the router changed (ms since the epoch). */
	at?: number;
}

export interface UndoDialogProps {
	/** What is undone: `the weights change of 21:37:41 by admin (weights now wan1=2 wan2=1)`. */
	change: string;
	/** The rules it puts back, one line each. */
	rules: string[];
	run: () => Promise<UndoResult>;
	/** null: closed without changing anything. */
	onDone: (result: UndoResult | null) => void;
}

type Phase = {name: 'ask'} | {name: 'running'} | {name: 'done'; result: UndoResult};

/** `u`: says what the undo restores and asks, No by default; then shows the outcome. */
export function UndoDialog({change, rules, run, onDone}: UndoDialogProps) {
	const [phase, setPhase] = useState<Phase>({name: 'ask'});
	const current = useRef(phase);
	current.current = phase;

	useInput(input => {
		const phase = current.current;
		if (phase.name === 'done') {
			onDone(phase.result);
		} else if (phase.name === 'ask') {
			if (input === 'y' || input === 'Y') {
				setPhase({name: 'running'});
				run().then(
					result => setPhase({name: 'done', result}),
					(error: unknown) => setPhase({name: 'done', result: {ok: false, line: `undo failed: ${errorText(error)}`}}),
				);
			} else {
				onDone(null);
			}
		}
	});

	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text bold>Undo</Text>
			<Text>Undo {change}?</Text>
			<Text>The PCC rules go back to:</Text>
			{rules.map((line, index) => (
				<Text key={index}>  {line}</Text>
			))}
			{phase.name === 'ask' && (
				<Text>
					Only new connections follow the restored weights. <Text bold>[y/N]</Text>
				</Text>
			)}
			{phase.name === 'running' && <Text>restoring…</Text>}
			{phase.name === 'done' && (
				<>
					<Text color={phase.result.ok ? 'green' : 'red'}>
						{phase.result.line}
						{changedAt(phase.result.at)}
					</Text>
					<Text dimColor>any key closes</Text>
				</>
			)}
		</Box>
	);
}
