import {Text} from 'ink';

export interface ProgressBarProps {
	done: number;
	total: number;
	width?: number;
}

/** `██████░░░░  60%`: plain block characters, so it reads the same without colour. */
export function ProgressBar({done, total, width = 30}: ProgressBarProps) {
	const fraction = total > 0 ? Math.min(1, done / total) : 1;
	const filled = Math.round(fraction * width);
	return (
		<Text>
			{'█'.repeat(filled)}
			{'░'.repeat(width - filled)} {String(Math.floor(fraction * 100)).padStart(3)}%
		</Text>
	);
}
