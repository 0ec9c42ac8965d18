import {useEffect, useRef, useState} from 'react';
import {Box, Text, useInput, type Key} from 'ink';
import {
	describeFlush,
	type ConnectionCountsByProtocol,
	type FlushProgress,
	type FlushResult,
} from '../../actions/flush.js';
import {errorText} from '../../actions/failures.js';
import {count} from '../format.js';
import {keystrokes} from '../keys.js';
import {ProgressBar} from './progress-bar.js';

export type FlushScopeChoice = 'all' | 'stuck';

/** What the dialog ends with: the line for the events pane, or null when nothing was done. */
export interface FlushOutcome {
	line: string;
	result?: FlushResult;
	scope?: FlushScopeChoice;
}

export interface FlushDialogProps {
	wan: string;
	mark: string;
	/** The WAN's route is down: offers the stuck scope (and picks it first). */
	routeDown: boolean;
	loadCounts: () => Promise<ConnectionCountsByProtocol>;
	/** How many are stuck; only asked when the route is down. */
	loadStuck?: () => Promise<number>;
	flush: (scope: FlushScopeChoice, signal: AbortSignal, onProgress: (progress: FlushProgress) => void) => Promise<FlushResult>;
	onDone: (outcome: FlushOutcome | null) => void;
}

type Phase =
	| {name: 'loading'}
	| {name: 'ask'; counts: ConnectionCountsByProtocol; stuck: number | null}
	/** progress: null until the connections are listed again, when the user said yes. */
	| {name: 'running'; progress: FlushProgress | null; asked: number; cancelling: boolean}
	| {name: 'failed'; message: string};


/**
 * `f` on a WAN: counts first (count-only, cheap), then asks with No as the default answer,
 * then removes with a progress bar that esc stops. The result goes to onDone as one line.
 */
export function FlushDialog({wan, mark, routeDown, loadCounts, loadStuck, flush, onDone}: FlushDialogProps) {
	const [phase, setPhase] = useState<Phase>({name: 'loading'});
	const [scope, setScope] = useState<FlushScopeChoice>(routeDown && loadStuck ? 'stuck' : 'all');
	const abort = useRef<AbortController | undefined>(undefined);
	const mounted = useRef(true);
	// Ink swaps the input handler in an effect, after the frame is drawn; a key pressed in
	// between reaches the previous handler, so it reads the state from refs set while rendering.
	const current = useRef({phase, scope});
	current.current = {phase, scope};

	useEffect(() => {
		mounted.current = true;
		Promise.all([loadCounts(), routeDown && loadStuck ? loadStuck() : Promise.resolve(null)]).then(
			([counts, stuck]) => mounted.current && setPhase({name: 'ask', counts, stuck}),
			(error: unknown) => mounted.current && setPhase({name: 'failed', message: `${wan}: could not count connections: ${errorText(error)}`}),
		);
		return () => {
			mounted.current = false;
			abort.current?.abort();
		};
	}, []);

	const start = (chosen: FlushScopeChoice, total: number) => {
		const controller = new AbortController();
		abort.current = controller;
		const running: Phase = {name: 'running', progress: null, asked: total, cancelling: false};
		// Said at once, not at the next render: a second y pressed before it must not flush again.
		current.current = {...current.current, phase: running};
		setPhase(running);
		flush(chosen, controller.signal, progress => {
			if (mounted.current) setPhase(current => (current.name === 'running' ? {...current, progress} : current));
		}).then(
			result => onDone({line: `flush ${describeFlush(result, wan)}`, result, scope: chosen}),
			(error: unknown) => onDone({line: `flush ${wan} failed: ${errorText(error)}`, scope: chosen}),
		);
	};

	// Keys that came in one read act in turn (`yy` is one y, then one ignored while it runs),
	// until one of them closes the dialog.
	const closed = useRef(false);
	const close = (outcome: FlushOutcome | null) => {
		closed.current = true;
		onDone(outcome);
	};
	useInput((input, key) => {
		for (const [stroke, strokeKey] of keystrokes(input, key)) if (!closed.current) onKey(stroke, strokeKey);
	});

	function onKey(input: string, key: Key): void {
		const {phase, scope} = current.current;
		switch (phase.name) {
			case 'loading':
				if (key.escape) close(null);
				return;
			case 'failed':
				close({line: phase.message});
				return;
			case 'running':
				if (key.escape && !phase.cancelling) {
					abort.current?.abort();
					setPhase({...phase, cancelling: true});
				}
				return;
			case 'ask': {
				const stuckOffered = phase.stuck !== null;
				const total = scope === 'stuck' && phase.stuck !== null ? phase.stuck : phase.counts.total;
				if (stuckOffered && (key.tab || key.leftArrow || key.rightArrow)) {
					const next = scope === 'all' ? 'stuck' : 'all';
					current.current = {...current.current, scope: next};
					setScope(next);
				} else if (total === 0) {
					close(null);
				} else if (input === 'y' || input === 'Y') {
					start(scope, total);
				} else if (key.escape || key.return || input === 'n' || input === 'N') {
					close(null);
				}
			}
		}
	}

	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text bold>
				Flush {wan} ({mark})
			</Text>
			{phase.name === 'loading' && <Text dimColor>counting connections… (esc closes)</Text>}
			{phase.name === 'failed' && (
				<>
					<Text color="red">{phase.message}</Text>
					<Text dimColor>any key closes</Text>
				</>
			)}
			{phase.name === 'ask' && <Ask wanName={wan} counts={phase.counts} stuck={phase.stuck} scope={scope} />}
			{phase.name === 'running' && <Running phase={phase} />}
		</Box>
	);
}

function Running({phase}: {phase: Extract<Phase, {name: 'running'}>}) {
	const {progress, asked, cancelling} = phase;
	const inFlight = progress?.inFlight ?? 0;
	return (
		<>
			{progress === null ? (
				<Text>counting them again before removing…</Text>
			) : (
				<>
					<Text>
						Removing {count(progress.total)} connections, counted as you confirmed
						{progress.total === asked ? '' : ` (${count(asked)} when asked)`}.
					</Text>
					<ProgressBar done={progress.removed + progress.alreadyGone} total={progress.total} />
					<Text>
						removed {count(progress.removed)} of {count(progress.total)}
						{progress.alreadyGone > 0 ? `; ${count(progress.alreadyGone)} had already closed` : ''}
					</Text>
				</>
			)}
			<Text dimColor>
				{!cancelling
					? 'esc cancels'
					: inFlight > 0
						? `cancelling: nothing more is sent; waiting for the ${inFlight === 1 ? 'batch' : `${inFlight} batches`} already sent…`
						: 'cancelling…'}
			</Text>
		</>
	);
}

function Ask({wanName, counts, stuck, scope}: {wanName: string; counts: ConnectionCountsByProtocol; stuck: number | null; scope: FlushScopeChoice}) {
	const total = scope === 'stuck' && stuck !== null ? stuck : counts.total;
	const split = `tcp ${count(counts.tcp)} · udp ${count(counts.udp)} · icmp ${count(counts.icmp)} · other ${count(counts.other)}`;
	return (
		<>
			<Text>
				{count(counts.total)} connections carry the mark: {split}
			</Text>
			{stuck !== null && (
				<Text>
					Scope:{' '}
					<Text inverse={scope === 'stuck'}> only stuck ({count(stuck)}) </Text>{' '}
					<Text inverse={scope === 'all'}> all ({count(counts.total)}) </Text>
					<Text dimColor>  tab switches</Text>
				</Text>
			)}
			{stuck !== null && (
				<Text dimColor>
					stuck: left by {wanName} before its route went down; the other {count(Math.max(0, counts.total - stuck))} left by another WAN and work
				</Text>
			)}
			{total === 0 ? (
				<Text>Nothing to flush.{stuck !== null && counts.total > 0 ? ' tab offers all of them;' : ''} any other key closes.</Text>
			) : (
				<Text>
					Remove {count(total)} connections? They reconnect on their next packet. <Text bold>[y/N]</Text>
				</Text>
			)}
		</>
	);
}
