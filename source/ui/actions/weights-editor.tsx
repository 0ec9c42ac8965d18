import {useContext, useRef, useState} from 'react';
import {Box, Text, useInput, type Key} from 'ink';
import {errorText} from '../../actions/failures.js';
import {DialogSize} from '../actions.js';
import {changedAt} from '../format.js';
import {keystrokes} from '../keys.js';

/** What the editor shows for a set of weights: from the pure planner, or why it cannot be. */
export type WeightsPreview =
	| {ok: true; denominator: number; buckets: Record<string, number[]>; diff: string[]; steps?: number}
	| {ok: false; error: string};

/** What applying reported: the line for the events pane and whether it fully worked. */
export interface WeightsApplied {
	ok: boolean;
	line: string;
	differences: string[];
	/** When the router changed (ms since the epoch). */
	at?: number;
}

export interface WeightsEditorOutcome {
	line: string;
	/** When the router changed: the event's time, however long the result stayed on screen. */
	at?: number;
	/** The user asked to flush this WAN next. */
	flush?: string;
}

export interface WeightsEditorProps {
	/** WANs in display order with their current weights. */
	wans: Array<{name: string; weight: number}>;
	/** The WAN the cursor starts on (the one selected on the screen); the first when absent. */
	initial?: string;
	preview: (weights: Record<string, number>) => WeightsPreview;
	apply: (weights: Record<string, number>, onStep: (done: number, total: number) => void) => Promise<WeightsApplied>;
	/** null: closed without changing anything. */
	onDone: (outcome: WeightsEditorOutcome | null) => void;
	/** Rows of the diff to show at most (fewer when the dialog has less room); the rest is summarised. */
	maxDiffLines?: number;
}

type Phase =
	| {name: 'edit'}
	/** Enter was pressed on a valid change: the plan stays in view and y applies it. */
	| {name: 'confirm'}
	| {name: 'applying'; done: number; total: number}
	| {name: 'applied'; result: WeightsApplied; flushable: string[]};

/** As many digits as the command line takes; more is said, not dropped silently. */
const maxWeight = 9999;

const newConnectionsNote = 'Only new connections follow new weights; existing ones keep their WAN until they close or are flushed.';
const keysNote = '↑↓ WAN · digits or ←→ weight · 0 drains · enter reviews · esc cancels';

/** Rows `text` takes when wrapped inside the dialog's border and padding. */
function rowsOf(text: string, columns: number): number {
	return Math.max(1, Math.ceil(text.length / Math.max(1, columns - 4)));
}

/** What a drained WAN's row says, as much of it as the row has room for: never cut. */
function drainedNote(room: number): string {
	return ['  drained: keeps its connections, gets no new ones', '  drained: no new connections', '  drained'].find(note => note.length <= room) ?? '';
}

function percent(count: number, denominator: number): string {
	return `${Math.round((count / denominator) * 1000) / 10}%`;
}

/**
 * `w`: an integer weight per WAN (0 drains it), the buckets and shares that gives, and the
 * exact rule changes. Enter applies, esc cancels. Afterwards it says that only new
 * connections follow, and offers to flush a WAN whose weight went down.
 */
export function WeightsEditor({wans, initial, preview, apply, onDone, maxDiffLines = 12}: WeightsEditorProps) {
	const [weights, setWeights] = useState<Record<string, number>>(() => Object.fromEntries(wans.map(wan => [wan.name, wan.weight])));
	const [selected, setSelectedState] = useState(() => Math.max(0, wans.findIndex(wan => wan.name === initial)));
	const [limit, setLimitState] = useState<string | null>(null);
	const [phase, setPhaseState] = useState<Phase>({name: 'edit'});
	const plan = preview(weights);
	const unchanged = wans.every(wan => weights[wan.name] === wan.weight);
	// Keys often arrive several in one read (over SSH, or typed fast): each must see what the
	// one before it changed, before React renders again. So the handler reads and writes this
	// ref, and the state only follows it for drawing.
	// `typing`: fresh digits replace the weight; further digits append (1 then 2 gives 12).
	const current = useRef({weights, selected, phase, typing: false});

	const setWeight = (name: string, weight: number) => {
		setLimitState(weight > maxWeight ? `a weight is at most ${maxWeight}; ${name} stays at ${current.current.weights[name]}` : null);
		if (weight > maxWeight) return;
		const next = {...current.current.weights, [name]: Math.max(0, weight)};
		current.current.weights = next;
		setWeights(next);
	};
	const setSelected = (index: number) => {
		current.current.selected = index;
		setSelectedState(index);
	};
	const setTyping = (value: boolean) => {
		current.current.typing = value;
	};
	const setPhase = (next: Phase) => {
		current.current.phase = next;
		setPhaseState(next);
	};

	useInput((input, key) => {
		for (const [stroke, strokeKey] of keystrokes(input, key)) onKey(stroke, strokeKey);
	});

	function onKey(input: string, key: Key): void {
		const {weights, selected, phase, typing} = current.current;
		if (phase.name === 'applying') return;
		if (phase.name === 'confirm') {
			if (input === 'y' || input === 'Y') run(weights);
			else setPhase({name: 'edit'});
			return;
		}
		if (phase.name === 'applied') {
			const [first] = phase.flushable;
			onDone({line: phase.result.line, at: phase.result.at, flush: input === 'f' && first ? first : undefined});
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
		} else if (key.return && preview(weights).ok && !wans.every(wan => weights[wan.name] === wan.weight)) {
			setPhase({name: 'confirm'});
		}
	}

	function run(chosen: Record<string, number>): void {
		const flushable = wans.filter(wan => chosen[wan.name] < wan.weight).map(wan => wan.name);
		setPhase({name: 'applying', done: 0, total: 0});
		apply({...chosen}, (done, total) => setPhase({name: 'applying', done, total})).then(
			result => setPhase({name: 'applied', result, flushable}),
			(error: unknown) => setPhase({name: 'applied', result: {ok: false, line: `weights change failed: ${errorText(error)}`, differences: []}, flushable: []}),
		);
	}

	const size = useContext(DialogSize);
	// Border, title and WAN rows, the diff's margin, heading and "more" line, and the notes.
	const editRows = 2 + 1 + wans.length + 3 + rowsOf(newConnectionsNote, size.columns) + rowsOf(keysNote, size.columns);
	const diffRows = Math.max(0, Math.min(maxDiffLines, size.rows - editRows));
	const width = Math.max(...wans.map(wan => wan.name.length));
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text bold>PCC weights</Text>
			{wans.map((wan, index) => {
				const weight = weights[wan.name];
				const buckets = plan.ok ? plan.buckets[wan.name] ?? [] : [];
				const row = `${index === selected ? '›' : ' '} ${wan.name.padEnd(width)} ${String(weight).padStart(2)}`
					+ (weight !== wan.weight ? ` (was ${wan.weight})` : '        ')
					+ (plan.ok ? `  buckets ${buckets.length > 0 ? buckets.join(',') : '-'}/${plan.denominator}  ${percent(buckets.length, plan.denominator)}` : '');
				return (
					<Text key={wan.name} inverse={index === selected && phase.name === 'edit'} wrap="truncate-end">
						{row}
						{weight === 0 ? drainedNote(size.columns - 4 - row.length) : ''}
					</Text>
				);
			})}
			{!plan.ok && <Text color="red">{plan.error}</Text>}
			{limit && phase.name === 'edit' && <Text color="yellow">{limit}</Text>}
			{(phase.name === 'edit' || phase.name === 'confirm') && plan.ok && !unchanged && <Diff lines={plan.diff} max={diffRows} columns={size.columns} />}
			{phase.name === 'confirm' && plan.ok && (
				<Text>
					Apply {plan.steps === undefined ? 'these rule changes' : `these ${plan.steps} rule changes`} ({weightsLine(wans, weights)})? Only new connections follow. <Text bold>[y/N]</Text>
				</Text>
			)}
			{phase.name === 'edit' && (
				<>
					<Text dimColor>{newConnectionsNote}</Text>
					<Text dimColor>{keysNote}</Text>
				</>
			)}
			{phase.name === 'applying' && (
				<Text>applying{phase.total > 0 ? ` change ${phase.done} of ${phase.total}` : ''}…</Text>
			)}
			{phase.name === 'applied' && (
				<>
					<Text color={phase.result.ok ? 'green' : 'red'}>
						{phase.result.line}
						{changedAt(phase.result.at)}
					</Text>
					{phase.result.differences.slice(0, diffRows).map(line => (
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

function weightsLine(wans: ReadonlyArray<{name: string}>, weights: Readonly<Record<string, number>>): string {
	return wans.map(wan => `${wan.name}=${weights[wan.name]}`).join(' ');
}

/** The rule changes, each wrapped whole, as many as `max` rows hold. */
function Diff({lines, max, columns}: {lines: string[]; max: number; columns: number}) {
	const shown: string[] = [];
	let rows = 0;
	for (const line of lines) {
		rows += rowsOf(line, columns);
		if (rows > max) break;
		shown.push(line);
	}
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>Rule changes</Text>
			{shown.map((line, index) => (
				<Text key={index} color={line.startsWith('+') ? 'green' : line.startsWith('-') ? 'red' : undefined} wrap="wrap">
					{line}
				</Text>
			))}
			{lines.length > shown.length && <Text dimColor>… {lines.length - shown.length} more lines</Text>}
		</Box>
	);
}
