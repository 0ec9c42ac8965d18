import {EventEmitter} from 'node:events';
import {rowUpdate, toCells, type Cells, type Cursor} from './cells.js';

const enter = '\u001B[?1049h\u001B[?1000l\u001B[?1002l\u001B[?1003l\u001B[?1006l\u001B[?7l\u001B[?25l\u001B[H\u001B[2J';
const leave = '\u001B[?7h\u001B[?25h\u001B[?1049l';
const beginUpdate = '\u001B[?2026h';
const endUpdate = '\u001B[?2026l';

export interface ScreenStats {
	/** Bytes written to the terminal, escape sequences included. */
	bytes: number;
	/** Frames that changed at least one line. */
	frames: number;
	/** What writing every frame whole would have cost. */
	fullFrameBytes: number;
}

/** Frames the screen may write back to back before `maxFps` holds it. */
const burst = 2;

/**
 * The full-screen terminal between Ink and the real stdout. Ink renders in debug mode into
 * `stream` (one whole frame per write); the screen keeps the lines on display and rewrites
 * only those that changed, each at its absolute row, at most `maxFps` times a second on
 * average. Two frames may go out back to back: the first data, right after "connecting", is
 * not held back by the frame before it.
 *
 * Why not Ink's own incrementalRendering: in Ink 6.8 it moves the cursor up one line too few
 * when frames end in a newline, so the screen creeps down a row per update; and a frame as
 * tall as the terminal makes Ink clear and redraw everything each time. Owning the alternate
 * screen, absolute rows are exact and cheap.
 */
export class Screen {
	readonly stats: ScreenStats = {bytes: 0, frames: 0, fullFrameBytes: 0};
	/** What Ink writes to: looks like a TTY of the real terminal's size. */
	readonly stream: NodeJS.WriteStream;
	private shown: string[] = [];
	/** The cells of `shown`, null where a row is written whole or was never parsed. */
	private shownCells: Array<Cells | null> = [];
	private pending: string | undefined;
	private timer: NodeJS.Timeout | undefined;
	/** Frames that may go out now; refills at `maxFps`, up to `burst`. */
	private credit = burst;
	private creditAt = 0;
	private active = false;
	private readonly minGapMs: number;

	constructor(
		private readonly out: NodeJS.WriteStream,
		options: {maxFps?: number} = {},
	) {
		this.minGapMs = 1000 / (options.maxFps ?? 10);
		const emitter = new EventEmitter();
		const screen = this;
		// Getters, not values: the size must follow the real terminal when it is resized.
		Object.defineProperties(emitter, {
			isTTY: {value: true},
			columns: {get: () => out.columns || 80},
			rows: {get: () => out.rows || 24},
			write: {
				value(chunk: string | Uint8Array, ...rest: unknown[]) {
					screen.frame(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
					const callback = rest.find(arg => typeof arg === 'function') as (() => void) | undefined;
					callback?.();
					return true;
				},
			},
		});
		this.stream = emitter as unknown as NodeJS.WriteStream;
		this.onResize = this.onResize.bind(this);
		this.onError = this.onError.bind(this);
		this.restore = this.restore.bind(this);
	}

	/** Switches to the alternate screen (mouse off, cursor hidden) until `restore()`. */
	open(): void {
		if (this.active) return;
		this.active = true;
		this.write(enter);
		this.out.on('resize', this.onResize);
		this.out.on('error', this.onError);
		// A crash or process.exit still gives the shell its screen back.
		process.on('exit', this.restore);
	}

	/** Flushes the last frame and leaves the alternate screen; safe to call twice. */
	restore(): void {
		if (!this.active) return;
		this.flush();
		this.active = false;
		clearTimeout(this.timer);
		this.out.off('resize', this.onResize);
		process.off('exit', this.restore);
		// The error listener stays: after a hang-up this last write fails after we return.
		this.write(leave);
	}

	private frame(text: string): void {
		this.pending = text;
		if (this.timer) return;
		const wait = Math.max(0, (1 - this.creditNow(Date.now())) * this.minGapMs);
		this.timer = setTimeout(() => this.flush(), wait);
	}

	private flush(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		if (this.pending === undefined || !this.active) return;
		const rows = this.out.rows || 24;
		const lines = this.pending.split('\n').slice(0, rows);
		this.pending = undefined;
		let update = '';
		const cursor: Cursor = {row: -1, column: -1, style: ''};
		const cells: Array<Cells | null> = [];
		for (let row = 0; row < Math.max(lines.length, this.shown.length); row++) {
			const line = lines[row] ?? '';
			const before = this.shownCells[row] ?? null;
			cells[row] = line === (this.shown[row] ?? '') ? before : toCells(line);
			if (line === (this.shown[row] ?? '')) continue;
			const after = cells[row];
			if (after !== null) {
				update += rowUpdate(row, row < this.shown.length ? before : {chars: [], styles: []}, after, cursor);
				continue;
			}
			// Erase first, then write: with autowrap off an erase after a full-width line
			// would take its last character.
			update += `${cursor.style === '' ? '' : '\u001B[0m'}\u001B[${row + 1};1H\u001B[2K${line}\u001B[0m`;
			cursor.row = -1;
			cursor.style = '';
		}
		if (cursor.style !== '') update += '\u001B[0m';
		this.shownCells = cells.slice(0, lines.length);
		this.shown = lines;
		if (update === '') return;
		const now = Date.now();
		this.credit = this.creditNow(now) - 1;
		this.creditAt = now;
		this.stats.frames++;
		this.stats.fullFrameBytes += Buffer.byteLength(lines.map((line, row) => `\u001B[${row + 1};1H\u001B[2K${line}`).join(''));
		this.write(beginUpdate + update + endUpdate);
	}

	private creditNow(now: number): number {
		return Math.min(burst, this.credit + (now - this.creditAt) / this.minGapMs);
	}

	private onResize(): void {
		// Lines reflow on some terminals: draw everything again on a clean screen.
		this.shown = [];
		this.shownCells = [];
		this.write('\u001B[H\u001B[2J');
		this.stream.emit('resize');
	}

	/** The terminal went away (SSH dropped, window closed): nothing left to draw on. */
	private onError(): void {
		this.active = false;
		clearTimeout(this.timer);
	}

	private write(text: string): void {
		if (!this.active && text !== leave) return;
		this.stats.bytes += Buffer.byteLength(text);
		this.out.write(text);
	}
}
