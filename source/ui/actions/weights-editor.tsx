import {useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {errorText} from '../../actions/failures.js';

/** What the editor shows for a set of weights: from the pure planner, or why it cannot be. */
export type WeightsPreview =
	| {ok: true; denominator: number; buckets: Record<string, number[]>; diff: string[]}
	| {ok: false; error: string};

/** What applying reported: the line for the events pane and whether it fully worked. */
export interface WeightsApplied {
	ok: boolean;
	line: string;
	differences: string[];
}

export interface WeightsEditorOutcome {
	line: string;
	/** The user asked to flush this WAN next. */
	flush?: string;
}

export interface WeightsEditorProps {
	/** WANs in display order with their current weights. */
	wans: Array<{name: string; weight: number}>;
	preview: (weights: Record<string, number>) => WeightsPreview;
	apply: (weights: Record<string, number>, onStep: (done: number, total: number) => void) => Promise<WeightsApplied>;
	/** null: closed without changing anything. */
	onDone: (outcome: WeightsEditorOutcome | null) => void;
	/** Rows of the diff to show at most; the rest is summarised. */
	maxDiffLines?: number;
}

type Phase =
	| {name: 'edit'}
	| {name: 'applying'; done: number; total: number}
	| {name: 'applied'; result: WeightsApplied; flushable: string[]};

const maxWeight = 99;

function percent(count: number, denominator: number): string {
	return `${Math.round((count / denominator) * 1000) / 10}%`;
}

/**
 * `w`: an integer weight per WAN (0 drains it), the buckets and shares that gives, and the
 * exact rule changes. Enter applies, esc cancels. Afterwards it says that only new
 * connections follow, and offers to flush a WAN whose weight went down.
 */
export function WeightsEditor({wans, preview, apply, onDone, maxDiffLines = 12}: WeightsEditorProps) {
	const [weights, setWeights] = useState<Record<string, number>>(() => Object.fromEntries(wans.map(wan => [wan.name, wan.weight])));
	const [selected, setSelected] = useState(0);
	const [phase, setPhase] = useState<Phase>({name: 'edit'});
	// Fresh digits replace the weight; further digits append (typing 1 then 2 gives 12).
	const [typing, setTyping] = useState(false);
	const plan = preview(weights);
	const unchanged = wans.every(wan => weights[wan.name] === wan.weight);
	// Ink swaps the input handler after drawing; a key pressed in between must see this render's state.
	const current = useRef({weights, selected, phase, typing, plan, unchanged});
	current.current = {weights, selected, phase, typing, plan, unchanged};

	const setWeight = (name: string, weight: number) => {
		setWeights(previous => ({...previous, [name]: Math.max(0, Math.min(maxWeight, weight))}));
	};

	useInput((input, key) => {
		const {weights, selected, phase, typing, plan, unchanged} = current.current;
		if (phase.name === 'applying') return;
		if (phase.name === 'applied') {
			const [first] = phase.flushable;
			onDone({line: phase.result.line, flush: input === 'f' && first ? first : undefined});
			return;
		}
		const name = wans[selected].name;
		if (key.escape) {
			onDone(null);
		} else if (key.upArrow || input === 'k') {
			setSelected(Math.max(0, selected - 1));
			setTyping(false);
		} else if (key.downArrow || input === 'j' || key.tab) {
			setSelected(Math.min(wans.length - 1, selected + 1));
			setTyping(false);
		} else if (key.rightArrow || input === '+') {
			setWeight(name, weights[name] + 1);
		} else if (key.leftArrow || input === '-') {
			setWeight(name, weights[name] - 1);
		} else if (/^\d$/.test(input)) {
			setWeight(name, typing ? weights[name] * 10 + Number(input) : Number(input));
			setTyping(true);
		} else if (key.backspace || key.delete) {
			setWeight(name, Math.floor(weights[name] / 10));
		} else if (key.return && plan.ok && !unchanged) {
			const chosen = {...weights};
			const flushable = wans.filter(wan => chosen[wan.name] < wan.weight).map(wan => wan.name);
			setPhase({name: 'applying', done: 0, total: 0});
			apply(chosen, (done, total) => setPhase({name: 'applying', done, total})).then(
				result => setPhase({name: 'applied', result, flushable}),
				(error: unknown) => setPhase({name: 'applied', result: {ok: false, line: `weights change failed: ${errorText(error)}`, differences: []}, flushable: []}),
			);
		}
	});

	const width = Math.max(...wans.map(wan => wan.name.length));
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text bold>PCC weights</Text>
			{wans.map((wan, index) => {
				const weight = weights[wan.name];
				const buckets = plan.ok ? plan.buckets[wan.name] ?? [] : [];
				return (
					<Text key={wan.name} inverse={index === selected && phase.name === 'edit'}>
						{index === selected ? '›' : ' '} {wan.name.padEnd(width)} {String(weight).padStart(2)}
						{weight !== wan.weight ? ` (was ${wan.weight})` : '        '}
						{plan.ok ? `  buckets ${buckets.length > 0 ? buckets.join(',') : '-'}/${plan.denominator}  ${percent(buckets.length, plan.denominator)}` : ''}
						{weight === 0 ? '  drained: keeps its connections, gets no new ones' : ''}
					</Text>
				);
			})}
			{!plan.ok && <Text color="red">{plan.error}</Text>}
			{phase.name === 'edit' && plan.ok && !unchanged && <Diff lines={plan.diff} max={maxDiffLines} />}
			{phase.name === 'edit' && (
				<>
					<Text dimColor>Only new connections follow new weights; existing ones keep their WAN until they close or are flushed.</Text>
					<Text dimColor>↑↓ WAN · digits or ←→ weight · 0 drains · enter applies · esc cancels</Text>
				</>
			)}
			{phase.name === 'applying' && (
				<Text>applying{phase.total > 0 ? ` change ${phase.done} of ${phase.total}` : ''}…</Text>
			)}
			{phase.name === 'applied' && (
				<>
					<Text color={phase.result.ok ? 'green' : 'red'}>{phase.result.line}</Text>
					{phase.result.differences.slice(0, maxDiffLines).map(line => (
						<Text key={line} color="yellow">  {line}</Text>
					))}
					<Text>
						Only new connections follow the new weights.
						{phase.flushable.length > 0 ? ` f flushes ${phase.flushable[0]}'s connections now;` : ''} any other key closes.
					</Text>
				</>
			)}
		</Box>
	);
}

function Diff({lines, max}: {lines: string[]; max: number}) {
	const shown = lines.slice(0, max);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>Rule changes</Text>
			{shown.map((line, index) => (
				<Text key={index} color={line.startsWith('+') ? 'green' : line.startsWith('-') ? 'red' : undefined}>
					{line}
				</Text>
			))}
			{lines.length > shown.length && <Text dimColor>… {lines.length - shown.length} more lines</Text>}
		</Box>
	);
}
