import type {Key} from 'ink';

export type Command =
	| {type: 'select'; by: 1 | -1}
	| {type: 'focus-next'; by: 1 | -1}
	| {type: 'focus'; index: number}
	| {type: 'scroll'; by: number}
	| {type: 'freeze'}
	| {type: 'refresh'}
	| {type: 'chart'}
	| {type: 'filter'}
	| {type: 'clear-filter'}
	| {type: 'flush'}
	| {type: 'weights'}
	| {type: 'undo'}
	| {type: 'interval'; faster: boolean}
	| {type: 'help'}
	| {type: 'quit'};

/**
 * One key binding: what reads the keystroke, and what the help and the hint line say of it.
 * The dispatcher, the help overlay and the hint line all read `keyBindings`, so a key cannot
 * work without being listed, nor be listed without working.
 */
export interface KeyBinding {
	/** As the help lists them, e.g. `↑ ↓  j k`. */
	keys: string;
	what: string;
	/** The hint line's short form (keys and a word), for the keys worth a place there. */
	hint?: string;
	/** Changes the router: off in read-only mode. */
	acts?: boolean;
	/** Only while a filter is set. */
	whenFiltered?: boolean;
	/** Only against a router: a replay has keys of its own for these. */
	live?: boolean;
	command(input: string, key: Key): Command | null;
}

const on = (char: string, command: Command) => (input: string, key: Key) => (input === char && !key.ctrl && !key.meta ? command : null);

export const keyBindings: readonly KeyBinding[] = [
	{
		keys: '↑ ↓  j k',
		what: 'select a WAN',
		hint: '↑↓ WAN',
		command: (input, key) => (key.upArrow || input === 'k' ? {type: 'select', by: -1} : key.downArrow || input === 'j' ? {type: 'select', by: 1} : null),
	},
	{keys: 'tab  S-tab', what: 'focus the next / previous pane', hint: 'tab pane', command: (_input, key) => (key.tab ? {type: 'focus-next', by: key.shift ? -1 : 1} : null)},
	{
		keys: '1-6',
		what: 'focus pane: 1 WANs 2 chart 3 mangle 4 routes 5 events 6 problems',
		command: input => (/^[1-6]$/.test(input) ? {type: 'focus', index: Number(input) - 1} : null),
	},
	{
		keys: 'pgup pgdn',
		what: 'scroll the focused pane',
		command: (_input, key) => (key.pageUp ? {type: 'scroll', by: -5} : key.pageDown ? {type: 'scroll', by: 5} : null),
	},
	{keys: 'space', what: 'freeze / unfreeze the screen', hint: 'space freeze', live: true, command: on(' ', {type: 'freeze'})},
	{keys: 'r', what: 'refresh now (one step while frozen)', hint: 'r refresh', live: true, command: on('r', {type: 'refresh'})},
	{keys: 'c', what: 'chart: connections → throughput → new connections/s', hint: 'c chart', command: on('c', {type: 'chart'})},
	{keys: '/', what: 'filter the events and mangle panes (enter keeps it, esc clears it)', hint: '/ filter', command: on('/', {type: 'filter'})},
	{keys: 'esc', what: 'clear the filter', hint: 'esc unfilter', whenFiltered: true, command: (_input, key) => (key.escape ? {type: 'clear-filter'} : null)},
	{keys: 'f', what: 'flush the selected WAN\'s connections', hint: 'f flush', acts: true, command: on('f', {type: 'flush'})},
	{keys: 'w', what: 'edit the bucket weights', hint: 'w weights', acts: true, command: on('w', {type: 'weights'})},
	{keys: 'u', what: 'undo the last weight change', acts: true, command: on('u', {type: 'undo'})},
	{
		keys: '+ -',
		what: 'refresh interval longer / shorter (at least 0.5 s)',
		live: true,
		command: input => (input === '+' || input === '=' ? {type: 'interval', faster: false} : input === '-' || input === '_' ? {type: 'interval', faster: true} : null),
	},
	{keys: '?', what: 'this help (any key closes it)', hint: '? help', command: on('?', {type: 'help'})},
	{keys: 'q  ctrl-c', what: 'quit', hint: 'q quit', command: (input, key) => (input === 'q' || (input === 'c' && key.ctrl) ? {type: 'quit'} : null)},
];

/** What the screen is in, for which keys work. */
export interface KeyState {
	readOnly: boolean;
	filtered: boolean;
	/** A recording, not a router (its own keys come first: ui/replay.ts). */
	replay?: boolean;
}

/** The bindings that do something in `state`. */
export function activeBindings(state: KeyState): KeyBinding[] {
	return keyBindings.filter(
		binding => !(binding.acts && state.readOnly) && !(binding.whenFiltered && !state.filtered) && !(binding.live && state.replay),
	);
}

/** The one-byte control keys as Ink names them when they come alone (it gives no input text for them). */
const controlKeys: Record<string, Partial<Key>> = {
	'\r': {return: true},
	'\t': {tab: true},
	'\x7f': {delete: true},
	'\b': {backspace: true},
};

/** One character of a batch as Ink would have handed it over had it come alone. */
function keystroke(char: string, key: Key): [input: string, key: Key] {
	const plain: Key = {...key, return: false, tab: false, delete: false, backspace: false, ctrl: false, shift: char !== char.toLowerCase()};
	const control = controlKeys[char];
	if (control) return ['', {...plain, ...control}];
	const code = char.charCodeAt(0);
	// Ctrl-A … Ctrl-Z (ctrl-c among them) as Ink gives them: the letter, with ctrl.
	if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), {...plain, ctrl: true}];
	return [char, plain];
}

/**
 * Ink hands over what one read of the terminal brought, and keys typed quickly (or batched by
 * a slow SSH link, or pasted) arrive as one string: `jf`, `12`, two backspaces `\x7f\x7f`,
 * `3\r`. Ink then names no key for the control characters in it, so each character is read
 * again as the key it is, and each acts in turn.
 */
export function keystrokes(input: string, key: Key): Array<[input: string, key: Key]> {
	if (input.length <= 1 || key.ctrl || key.meta) return [[input, key]];
	return [...input].map(char => keystroke(char, key));
}

/** Commands after which the rest of a batch of keys must not run: they hand the keyboard over. */
export function endsBatch(command: Command): boolean {
	return ['flush', 'weights', 'undo', 'filter', 'help', 'quit'].includes(command.type);
}

/** The binding a keystroke hits, and the command it asks for. */
export function bindingFor(input: string, key: Key): {binding: KeyBinding; command: Command} | null {
	for (const binding of keyBindings) {
		const command = binding.command(input, key);
		if (command) return {binding, command};
	}
	return null;
}

/** The command a keystroke asks for. */
export function commandFor(input: string, key: Key): Command | null {
	return bindingFor(input, key)?.command ?? null;
}
