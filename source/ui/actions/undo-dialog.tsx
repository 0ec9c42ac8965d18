import {useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {errorText} from '../../actions/failures.js';
import {changedAt} from '../format.js';
import {keystrokes} from '../keys.js';

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
	const [phase, setPhaseState] = useState<Phase>({name: 'ask'});
	// Read by the key handler, which may run again before the next render: a second y must
	// not undo twice, so the phase changes here at once.
	const current = useRef(phase);
	const setPhase = (next: Phase) => {
		current.current = next;
		setPhaseState(next);
	};

	useInput((input, key) => {
		for (const [stroke] of keystrokes(input, key)) {
			const phase = current.current;
			if (phase.name === 'done') {
				onDone(phase.result);
				return;
			}
			if (phase.name !== 'ask') continue;
			if (stroke !== 'y' && stroke !== 'Y') {
				onDone(null);
				return;
			}
			setPhase({name: 'running'});
			run().then(
				result => setPhase({name: 'done', result}),
				(error: unknown) => setPhase({name: 'done', result: {ok: false, line: `undo failed: ${errorText(error)}`}}),
			);
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
