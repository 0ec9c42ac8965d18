/**
 * Replays what pccmon's full-screen writer (source/ui/screen.ts) sends to the terminal: each
 * update is `ESC[?2026h`, then for every changed line `ESC[row;1H ESC[2K text`, then
 * `ESC[?2026l`. Keeps the lines on display, so the bench can tell when data is on screen and
 * what redrawing every line of every update would have cost.
 */

const beginUpdate = '\u001B[?2026h';
const endUpdate = '\u001B[?2026l';
const linePrefix = /\u001B\[(\d+);1H\u001B\[2K/g;
const clearScreen = '\u001B[H\u001B[2J';

export interface Update {
	/** Bytes this update wrote. */
	bytes: number;
	/** Bytes the same update costs when every row of the screen is written again. */
	fullFrameBytes: number;
}

export function stripAnsi(text: string): string {
	return text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
}

export class ScreenModel {
	readonly lines: string[] = [];
	private pending = '';

	constructor(private readonly rows: number) {}

	/** Takes terminal output as it arrives; returns the updates it completed. */
	feed(text: string): Update[] {
		this.pending += text;
		const updates: Update[] = [];
		for (;;) {
			const begin = this.pending.indexOf(beginUpdate);
			const end = begin === -1 ? -1 : this.pending.indexOf(endUpdate, begin);
			if (end === -1) break;
			if (this.pending.slice(0, begin).includes(clearScreen)) this.lines.length = 0;
			const body = this.pending.slice(begin + beginUpdate.length, end);
			this.pending = this.pending.slice(end + endUpdate.length);
			this.apply(body);
			updates.push({
				bytes: Buffer.byteLength(beginUpdate + body + endUpdate),
				fullFrameBytes: this.fullFrameBytes(),
			});
		}
		return updates;
	}

	/** Lines as a person reads them, without colours. */
	text(): string[] {
		return this.lines.map(line => stripAnsi(line ?? ''));
	}

	private apply(body: string): void {
		const marks = [...body.matchAll(linePrefix)];
		marks.forEach((mark, index) => {
			const start = mark.index! + mark[0].length;
			const stop = index + 1 < marks.length ? marks[index + 1].index! : body.length;
			this.lines[Number(mark[1]) - 1] = body.slice(start, stop);
		});
	}

	private fullFrameBytes(): number {
		let total = Buffer.byteLength(beginUpdate + endUpdate);
		for (let row = 0; row < this.rows; row++) total += Buffer.byteLength(`\u001B[${row + 1};1H\u001B[2K${this.lines[row] ?? ''}`);
		return total;
	}
}

/** True once at least `wans` WAN rows show configured and actual shares with a count between. */
export function showsWanData(lines: readonly string[], wans: number): boolean {
	return lines.filter(line => /\d+%\s+[\d.,]+[kM]?\s+\d+%/.test(line)).length >= wans;
}
