import type {Key} from 'ink';
import type {ReplayPosition, ReplaySeek} from '../record/replay.js';

/** What the replay screen's keys drive (the Replay has them all). */
export interface ReplayControls {
	seek(to: ReplaySeek, by: 1 | -1): void;
	togglePlay(): void;
	faster(faster: boolean): void;
	/** The same object until the position changes. */
	position(): ReplayPosition;
	onChange(listener: () => void): () => void;
}

export type ReplayCommand =
	| {type: 'seek'; to: ReplaySeek; by: 1 | -1}
	| {type: 'play'}
	| {type: 'speed'; faster: boolean};

/** One of the replay's own keys: read like the live screen's bindings (keys.ts), listed before them. */
export interface ReplayBinding {
	keys: string;
	what: string;
	hint?: string;
	command(input: string, key: Key): ReplayCommand | null;
}

const on = (chars: string, command: ReplayCommand) => (input: string, key: Key) => (chars.includes(input) && input !== '' && !key.ctrl && !key.meta ? command : null);

export const replayBindings: readonly ReplayBinding[] = [
	{
		keys: '← →',
		what: 'one poll back / on',
		hint: '←→ poll',
		command: (_input, key) => (key.leftArrow ? {type: 'seek', to: 'poll', by: -1} : key.rightArrow ? {type: 'seek', to: 'poll', by: 1} : null),
	},
	{keys: '[ ]', what: 'the previous / next event', hint: '[ ] event', command: (input, key) => on('[', {type: 'seek', to: 'event', by: -1})(input, key) ?? on(']', {type: 'seek', to: 'event', by: 1})(input, key)},
	{keys: '{ }', what: 'one minute back / on', hint: '{ } minute', command: (input, key) => on('{', {type: 'seek', to: 'minute', by: -1})(input, key) ?? on('}', {type: 'seek', to: 'minute', by: 1})(input, key)},
	{keys: 'space', what: 'play / pause', hint: 'space play', command: on(' ', {type: 'play'})},
	{keys: '< >', what: 'slower / faster', hint: '< > speed', command: (input, key) => on('<,', {type: 'speed', faster: false})(input, key) ?? on('>.', {type: 'speed', faster: true})(input, key)},
	{keys: 'g G', what: 'the start / the end', command: (input, key) => on('g', {type: 'seek', to: 'edge', by: -1})(input, key) ?? on('G', {type: 'seek', to: 'edge', by: 1})(input, key)},
];

export function replayCommandFor(input: string, key: Key): ReplayCommand | null {
	for (const binding of replayBindings) {
		const command = binding.command(input, key);
		if (command) return command;
	}
	return null;
}

export function runReplayCommand(controls: ReplayControls, command: ReplayCommand): void {
	if (command.type === 'seek') controls.seek(command.to, command.by);
	else if (command.type === 'play') controls.togglePlay();
	else controls.faster(command.faster);
}
