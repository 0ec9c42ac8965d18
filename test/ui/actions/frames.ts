import {setTimeout as delay} from 'node:timers/promises';

export const keys = {escape: '\u001B', enter: '\r', tab: '\t', up: '\u001B[A', down: '\u001B[B', backspace: '\u007F'};

/** Waits until the rendered frame satisfies `ok` (Ink renders and reads keys asynchronously). */
export async function frameWhere(lastFrame: () => string | undefined, ok: (frame: string) => boolean, what: string): Promise<string> {
	// Generous: on a loaded CI machine a frame can take seconds; a passing test returns at once.
	for (let attempt = 0; attempt < 1000; attempt++) {
		const frame = lastFrame() ?? '';
		if (ok(frame)) return frame;
		await delay(10);
	}
	throw new Error(`frame never showed ${what}; last frame:\n${lastFrame() ?? ''}`);
}

export function frameWith(lastFrame: () => string | undefined, text: string): Promise<string> {
	return frameWhere(lastFrame, frame => frame.includes(text), JSON.stringify(text));
}
