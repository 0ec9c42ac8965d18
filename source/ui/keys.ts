import type {Key} from 'ink';

export type Command =
	| {type: 'select'; by: 1 | -1}
	| {type: 'focus-next'; by: 1 | -1}
	| {type: 'focus'; index: number}
	| {type: 'scroll'; by: number}
	| {type: 'freeze'}
	| {type: 'refresh'}
	| {type: 'chart'}
	| {type: 'flush'}
	| {type: 'weights'}
	| {type: 'undo'}
	| {type: 'interval'; faster: boolean}
	| {type: 'help'}
	| {type: 'quit'};

/** Every key, as the help overlay lists it; the hint line shows the first few. */
export const keyHelp: ReadonlyArray<[keys: string, what: string]> = [
	['↑ ↓  j k', 'select a WAN'],
	['tab  S-tab', 'focus the next / previous pane'],
	['1-6', 'focus pane: 1 WANs 2 chart 3 mangle 4 routes 5 events 6 problems'],
	['pgup pgdn', 'scroll the focused pane'],
	['space', 'freeze / unfreeze the screen'],
	['r', 'refresh now (one step while frozen)'],
	['c', 'chart: connections → throughput → new connections/s'],
	['f', 'flush the selected WAN\'s connections'],
	['w', 'edit the bucket weights'],
	['u', 'undo the last weight change'],
	['+ -', 'refresh interval longer / shorter (at least 0.5 s)'],
	['?', 'this help (any key closes it)'],
	['q  ctrl-c', 'quit'],
];

/**
 * Ink hands over what one read of the terminal brought, and printable keys typed quickly
 * (or batched by a slow SSH link) arrive as one string, `jf` or `12`. Split, each acts in turn.
 */
export function keystrokes(input: string, key: Key): Array<[input: string, key: Key]> {
	if (input.length <= 1 || key.ctrl || key.meta) return [[input, key]];
	return [...input].map(char => [char, {...key, shift: char !== char.toLowerCase()}]);
}

/** Commands after which the rest of a batch of keys must not run: they hand the keyboard over. */
export function endsBatch(command: Command): boolean {
	return ['flush', 'weights', 'undo', 'help', 'quit'].includes(command.type);
}

export function commandFor(input: string, key: Key): Command | null {
	if (key.upArrow || input === 'k') return {type: 'select', by: -1};
	if (key.downArrow || input === 'j') return {type: 'select', by: 1};
	if (key.tab) return {type: 'focus-next', by: key.shift ? -1 : 1};
	if (key.pageUp) return {type: 'scroll', by: -5};
	if (key.pageDown) return {type: 'scroll', by: 5};
	if (/^[1-6]$/.test(input)) return {type: 'focus', index: Number(input) - 1};
	if (input === 'c' && key.ctrl) return {type: 'quit'};
	switch (input) {
		case ' ':
			return {type: 'freeze'};
		case 'r':
			return {type: 'refresh'};
		case 'c':
			return {type: 'chart'};
		case 'f':
			return {type: 'flush'};
		case 'w':
			return {type: 'weights'};
		case 'u':
			return {type: 'undo'};
		case '+':
		case '=':
			return {type: 'interval', faster: false};
		case '-':
		case '_':
			return {type: 'interval', faster: true};
		case '?':
			return {type: 'help'};
		case 'q':
			return {type: 'quit'};
		default:
			return null;
	}
}
