import {Text} from 'ink';
import {wrap} from './format.js';
import {activeBindings, type KeyState} from './keys.js';
import {replayBindings} from './replay.js';
import {useTheme} from './theme.js';

/** The hints of the keys that work now, as many whole ones as fit, `? help` always among them. */
export function hintText(state: KeyState, width: number): string {
	const bindings = [...(state.replay ? replayBindings : []), ...activeBindings(state)];
	const hints = bindings.flatMap(binding => (binding.hint ? [binding.hint] : []));
	const help = hints.find(hint => hint.startsWith('?'));
	let text = '';
	for (const hint of hints) {
		if (hint === help) continue;
		const next = text === '' ? hint : `${text}  ${hint}`;
		if ([...`${next}  ${help ?? ''}`].length > width) break;
		text = next;
	}
	return help ? (text === '' ? help : `${text}  ${help}`) : text;
}

/** Lines a notice takes at `width`: it wraps rather than losing its end. */
export function noticeLines(notice: string | null, width: number): string[] {
	if (!notice) return [];
	return [...notice].length <= width ? [notice] : wrap(notice, width);
}

/**
 * The bottom line: the keys that work now, or a message that answers the last key (wrapped
 * over as many lines as the layout gave it). Inside a dialog the dialog says its own keys.
 */
export function HintLine({notice, width, state, dialog}: {notice: string | null; width: number; state: KeyState; dialog: boolean}) {
	const theme = useTheme();
	if (notice) {
		return (
			<>
				{noticeLines(notice, width).map((line, index) => (
					<Text key={index} color={theme.tone('warn')} wrap="truncate-end">
						{line}
					</Text>
				))}
			</>
		);
	}
	return (
		<Text dimColor wrap="truncate-end">
			{dialog ? ' ' : hintText(state, width)}
		</Text>
	);
}
