import {useEffect, useRef, useState, useSyncExternalStore, type ReactNode} from 'react';
import {Box, useApp, useInput, useStdout, type Key} from 'ink';
import type {MonitorStore} from '../monitor/store.js';
import type {MonitorState} from '../monitor/state.js';
import {screenZone} from '../time-text.js';
import {DialogSize, type ScreenActionContext, type MonitorActions, type MonitorControls} from './actions.js';
import {ChartStack, chartModesShown, chartPaneTitle} from './Chart.js';
import {eventLine, EventsPane} from './EventsPane.js';
import {filterEvents, filterNote, filterRules} from './filter.js';
import {dataAge, Header, headerHeight} from './Header.js';
import {HelpOverlay} from './HelpOverlay.js';
import {HintLine, noticeLines} from './HintLine.js';
import {bindingFor, endsBatch, keystrokes, type Command} from './keys.js';
import {replayCommandFor, runReplayCommand, type ReplayControls} from './replay.js';
import {computeLayout, type PaneBox} from './layout.js';
import {MangleTable, mangleLines} from './MangleTable.js';
import {Pane} from './Pane.js';
import {chartModes, paneOrder, paneTitles, type ChartMode, type PaneName} from './panes.js';
import {problemLines, ProblemsPane} from './ProblemsPane.js';
import {RoutesPane, routesPaneLines} from './RoutesPane.js';
import {ColorContext} from './theme.js';
import {WanTable, wanTableLines} from './WanTable.js';

/** The intervals `+` and `-` step through, in ms. */
const intervalSteps = [500, 1000, 2000, 5000, 10_000, 30_000, 60_000];

function nextInterval(current: number, longer: boolean): number {
	if (longer) return intervalSteps.find(step => step > current) ?? current;
	return [...intervalSteps].reverse().find(step => step < current) ?? current;
}

export interface AppProps {
	store: MonitorStore;
	controls: MonitorControls;
	actions?: MonitorActions;
	color?: boolean;
	/** Terminal size; read from stdout (and followed on resize) when absent. */
	size?: {columns: number; rows: number};
	now?: () => number;
	/** A recording shown instead of a router: its keys, and where it stands for the header. */
	replay?: ReplayControls;
}

const subscribeNothing = () => () => {};
const noPosition = () => null;

function useTerminalSize(fixed: AppProps['size']): {columns: number; rows: number} {
	const {stdout} = useStdout();
	const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed) return;
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}

/**
 * The clock the data's age is shown against. It ticks each second, but only re-renders when
 * the shown age would change: right after a poll (which renders anyway) the data is 0 s old.
 */
function useNow(now: () => number, dataAt: number | undefined): number {
	const [value, setValue] = useState(now);
	const latest = useRef(dataAt);
	latest.current = dataAt;
	useEffect(() => {
		const timer = setInterval(() => {
			const time = now();
			if (latest.current === undefined || time - latest.current >= 1000) setValue(time);
		}, 1000);
		return () => clearInterval(timer);
	}, [now]);
	return Math.max(value, dataAt ?? value);
}

function PaneContent({box, state, now, focus, chartMode, scroll, filter}: {box: PaneBox; state: MonitorState; now: number; focus: PaneName; chartMode: ChartMode; scroll: number; filter: string}) {
	const body = Math.max(0, box.height - 1);
	let title: string | undefined;
	let content: ReactNode;
	switch (box.pane) {
		case 'wans':
		case 'chart': {
			const modes = chartModesShown(chartMode, body);
			title = chartPaneTitle(modes, box.width);
			content = <ChartStack wans={state.wans} history={state.history} modes={modes} width={box.width} height={body} />;
			break;
		}
		case 'mangle': {
			const rules = filterRules(state.mangle, filter);
			title = paneTitles.mangle + filterNote(filter, rules.length, state.mangle.length);
			content = <MangleTable rules={rules} width={box.width} height={body} scroll={scroll} filtered={rules.length < state.mangle.length} />;
			break;
		}
		case 'routes':
			content = (
				<RoutesPane
					routes={state.snapshot?.routes ?? []}
					netwatch={state.snapshot?.netwatch ?? []}
					wanTables={state.wans.map(wan => wan.name)}
					height={body}
					scroll={scroll}
				/>
			);
			break;
		case 'events': {
			const events = filterEvents(state.events, filter, event => eventLine(event, now));
			// The screen's times are local; the pane that lists them says once in which zone.
			title = `${paneTitles.events}${filterNote(filter, events.length, state.events.length)} · times ${screenZone(now)}`;
			content = <EventsPane events={events} now={now} height={body} scroll={scroll} filtered={events.length < state.events.length} />;
			break;
		}
		case 'problems':
			title = `${paneTitles.problems} (${state.snapshot?.topology.problems.length ?? 0})`;
			content = <ProblemsPane problems={state.snapshot?.topology.problems ?? []} width={box.width} height={body} scroll={scroll} />;
			break;
	}
	return (
		<Pane pane={box.pane} title={title} focused={focus === box.pane} width={box.width} height={box.height}>
			{content}
		</Pane>
	);
}

/**
 * When a WAN's stuck-connections warning appears the selection moves to that WAN, so `f`
 * flushes the WAN the warning names rather than the healthy one the cursor happened to be
 * on; the user may move away from it after.
 */
function useSelectionFollowsWarnings(
	state: MonitorState,
	latest: {current: {selected: number}},
	setSelected: (index: number) => void,
): void {
	const warned = useRef(new Set<string>());
	useEffect(() => {
		const now = new Set(state.wans.filter(wan => wan.stuck > 0).map(wan => wan.name));
		const appeared = state.wans.findIndex(wan => now.has(wan.name) && !warned.current.has(wan.name));
		warned.current = now;
		if (appeared < 0) return;
		latest.current.selected = appeared;
		setSelected(appeared);
	}, [state.wans]);
}

/** The live screen: header, WAN table, the focused pane(s), a hint line. */
export function App({store, controls, actions = {}, color = true, size, now = Date.now, replay}: AppProps) {
	const state = useSyncExternalStore(store.subscribe, store.getState);
	const position = useSyncExternalStore(replay?.onChange ?? subscribeNothing, replay?.position ?? noPosition);
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize(size);
	const ticking = useNow(now, state.snapshot?.at);
	// A replay's clock is the recording's, wherever the user moved it.
	const time = position ? position.at : ticking;
	const [selected, setSelected] = useState(0);
	const [focus, setFocus] = useState<PaneName>('wans');
	const [chartMode, setChartMode] = useState<ChartMode>('connections');
	const [help, setHelp] = useState(false);
	const [notice, setNotice] = useState<string | null>(null);
	const [dialog, setDialog] = useState<ReactNode>(null);
	/** The filter of the events and mangle panes; `editing` while `/` is being typed. */
	const [filter, setFilter] = useState('');
	const [editing, setEditingState] = useState<string | null>(null);
	// The filter as typed so far, for keys that arrive before the next render.
	const typed = useRef(editing);
	const setEditing = (text: string | null) => {
		typed.current = text;
		setEditingState(text);
	};
	const [scroll, setScroll] = useState<Record<PaneName, number>>({wans: 0, chart: 0, mangle: 0, routes: 0, events: 0, problems: 0});
	// Keys can arrive before the next render; they act on the latest state, not a stale closure.
	const latest = useRef({state, selected});
	latest.current = {state, selected};
	useSelectionFollowsWarnings(state, latest, setSelected);

	const wanIndex = Math.min(selected, Math.max(0, state.wans.length - 1));
	const shownFilter = editing ?? filter;
	const problems = state.snapshot?.topology.problems ?? [];
	const width = Math.max(20, columns);
	const prompt = editing === null ? null : `/${editing}▏  enter keeps  esc clears`;
	const layout = computeLayout({
		columns,
		rows,
		headerLines: headerHeight(state, width, time),
		hintLines: Math.max(1, noticeLines(prompt ?? notice, width).length),
		wanLines: wanTableLines(state.wans),
		focus,
		content: {
			events: Math.max(1, filterEvents(state.events, shownFilter, event => eventLine(event, time)).length),
			mangle: paneWidth => mangleLines(filterRules(state.mangle, shownFilter), paneWidth),
			routes: routesPaneLines(state.snapshot?.routes ?? [], state.snapshot?.netwatch ?? []),
			problems: paneWidth => problemLines(problems, paneWidth).length,
		},
		// Before the first read there is nothing for them to show.
		extra: !state.snapshot ? [] : problems.length > 0 ? ['problems', 'mangle', 'routes'] : ['mangle', 'routes'],
	});
	const shown = new Set(layout.columns.flatMap(column => column.panes.map(box => box.pane)));

	const actionContext = (): ScreenActionContext => ({
		state: latest.current.state,
		wan: latest.current.state.wans[Math.min(latest.current.selected, latest.current.state.wans.length - 1)] ?? null,
		openDialog: node => setDialog(node),
		closeDialog: () => setDialog(null),
		report: (text, severity, at) => store.dispatch({type: 'action', at: at ?? now(), text, severity}),
		stuckCounted: (wan, stuck, at) => store.dispatch({type: 'stuck-counted', wan, stuck, at: at ?? now()}),
		notify: text => setNotice(text),
		refresh: () => controls.refresh(),
	});

	const runAction = (name: 'flush' | 'weights' | 'undo') => {
		const current = latest.current.state;
		if (current.readOnly) {
			setNotice(`read-only (${current.readOnly}): ${name} is off`);
			return;
		}
		const handler = actions[name];
		if (!handler) {
			setNotice(`${name} is not available here`);
			return;
		}
		handler.call(actions, actionContext());
	};

	const run = (command: Command) => {
		const current = latest.current.state;
		switch (command.type) {
			case 'select': {
				// Written to the ref at once: `j f` arriving in one read must flush the WAN `j` selected.
				const count = current.wans.length;
				const next = Math.max(0, Math.min(count - 1, Math.min(latest.current.selected, count - 1) + command.by));
				latest.current.selected = next;
				setSelected(next);
				return;
			}
			case 'focus-next':
				setFocus(pane => paneOrder[(paneOrder.indexOf(pane) + command.by + paneOrder.length) % paneOrder.length]);
				return;
			case 'focus':
				setFocus(paneOrder[command.index]);
				return;
			case 'scroll':
				setScroll(all => ({...all, [focus]: Math.max(0, all[focus] + (focus === 'events' ? -command.by : command.by))}));
				return;
			case 'freeze':
				controls.setFrozen(!current.frozen);
				return;
			case 'refresh':
				controls.refresh();
				setNotice(current.frozen ? 'one refresh while frozen' : 'refreshing now');
				return;
			case 'chart':
				setChartMode(mode => chartModes[(chartModes.indexOf(mode) + 1) % chartModes.length]);
				if (!shown.has('chart')) setFocus('chart');
				return;
			case 'filter':
				setEditing(filter);
				return;
			case 'clear-filter':
				setFilter('');
				return;
			case 'flush':
			case 'weights':
			case 'undo':
				runAction(command.type);
				return;
			case 'interval': {
				const next = nextInterval(current.intervalMs, !command.faster);
				controls.setIntervalMs(next);
				setNotice(`refresh every ${next / 1000}s`);
				return;
			}
			case 'help':
				setHelp(true);
				return;
			case 'quit':
				exit();
				return;
		}
	};

	/**
	 * Typing a filter: every key edits it until enter keeps it or esc clears it. A read may
	 * bring several keys (`wan2` pasted, two backspaces): each edits what the one before left.
	 */
	const editFilter = (strokes: Array<[input: string, key: Key]>) => {
		let text = typed.current ?? '';
		for (const [input, key] of strokes) {
			if (key.return || key.escape) {
				setFilter(key.return ? text : '');
				setEditing(null);
				return;
			}
			if (input === 'c' && key.ctrl) {
				exit();
				return;
			}
			if (key.backspace || key.delete) text = [...text].slice(0, -1).join('');
			else if (input && !key.ctrl && !key.meta && !key.tab && input >= ' ') text += input;
		}
		setEditing(text);
	};

	useInput(
		(input, key) => {
			setNotice(null);
			let strokes = keystrokes(input, key);
			if (typed.current !== null) {
				editFilter(strokes);
				return;
			}
			// Any key closes the help, and only that key: the rest of a quick "x q" still acts.
			if (help) {
				setHelp(false);
				strokes = strokes.slice(1);
			}
			for (const [stroke, strokeKey] of strokes) {
				const replayCommand = replay ? replayCommandFor(stroke, strokeKey) : null;
				if (replayCommand) {
					runReplayCommand(replay!, replayCommand);
					continue;
				}
				const hit = bindingFor(stroke, strokeKey);
				if (!hit) continue;
				const {command} = hit;
				if (replay && hit.binding.live) {
					setNotice('a replay shows what was recorded: ? lists its keys');
					continue;
				}
				run(command);
				if (endsBatch(command)) return;
			}
		},
		{isActive: dialog === null},
	);

	// Ctrl-C quits from inside a dialog too; closing it cancels an action in flight, as esc does.
	useInput(
		(input, key) => {
			if (input === 'c' && key.ctrl) exit();
		},
		{isActive: dialog !== null},
	);

	const bodyHeight = Math.max(0, layout.height - layout.headerLines - layout.hintLines - layout.wanLines);
	let body: ReactNode;
	if (help) body = <HelpOverlay width={layout.width} height={bodyHeight} readOnly={state.readOnly} replay={replay !== undefined} />;
	else if (dialog) {
		body = (
			<Box width={layout.width} height={bodyHeight} overflowY="hidden" flexDirection="column">
				<DialogSize.Provider value={{rows: bodyHeight, columns: layout.width}}>{dialog}</DialogSize.Provider>
			</Box>
		);
	}
	else {
		body = (
			<Box flexDirection="row" height={bodyHeight}>
				{layout.columns.map((column, index) => (
					<Box key={index} flexDirection="column" width={column.width} height={bodyHeight} marginLeft={index > 0 ? 1 : 0} flexShrink={0}>
						{column.panes.map(box => (
							<PaneContent key={box.pane} box={box} state={state} now={time} focus={focus} chartMode={chartMode} scroll={scroll[box.pane]} filter={shownFilter} />
						))}
					</Box>
				))}
			</Box>
		);
	}

	return (
		<ColorContext.Provider value={color}>
			<Box flexDirection="column" width={layout.width} height={layout.height} overflowY="hidden">
				<Header state={state} width={layout.width} now={time} problemsShown={shown.has('problems') && !help && !dialog} replay={position} />
				<WanTable
					wans={state.wans}
					history={state.history}
					selected={wanIndex}
					width={layout.width}
					height={layout.wanLines}
					canFlush={!state.readOnly}
					stale={dataAge(state, time).stale}
					read={state.snapshot !== null}
					now={time}
					stuckCounts={state.stuckCounts}
				/>
				{body}
				<HintLine notice={prompt ?? notice} width={layout.width} state={{readOnly: state.readOnly !== null, filtered: filter !== '', replay: replay !== undefined}} dialog={dialog !== null} />
			</Box>
		</ColorContext.Provider>
	);
}
