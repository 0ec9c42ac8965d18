/**
 * A terminal as far as pccmon's full-screen writer (source/ui/screen.ts) drives one: updates
 * between `ESC[?2026h` and `ESC[?2026l`, cursor moves (`ESC[r;cH`, `ESC[nC`), erases
 * (`ESC[2K`, `ESC[K`, `ESC[2J`), colours and one-column characters, autowrap off. Keeps the
 * cells on display, so the bench can tell when data is on screen and what redrawing every
 * row at each update would have cost.
 */

import {nextStyle} from '../source/ui/cells.js';

const beginUpdate = '\u001B[?2026h';
const endUpdate = '\u001B[?2026l';
const clearScreen = '\u001B[H\u001B[2J';
const sequence = /\u001B\[([?\d;]*)([A-Za-z])/y;

export interface Update {
	/** Bytes this update wrote. */
	bytes: number;
	/** Bytes the same update costs when every row of the screen is written again, whole. */
	fullFrameBytes: number;
}

export function stripAnsi(text: string): string {
	return text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
}

interface Cell {
	char: string;
	/** The SGR parameters in force when it was written, '' for none. */
	style: string;
}

export class ScreenModel {
	private readonly cells: Cell[][] = [];
	private pending = '';
	private row = 0;
	private column = 0;
	private style = '';

	constructor(private readonly rows: number, private readonly columns = 1000) {}

	/** Takes terminal output as it arrives; returns the updates it completed. */
	feed(text: string): Update[] {
		this.pending += text;
		const updates: Update[] = [];
		for (;;) {
			const begin = this.pending.indexOf(beginUpdate);
			const end = begin === -1 ? -1 : this.pending.indexOf(endUpdate, begin);
			if (end === -1) break;
			if (this.pending.slice(0, begin).includes(clearScreen)) this.cells.length = 0;
			const body = this.pending.slice(begin + beginUpdate.length, end);
			this.pending = this.pending.slice(end + endUpdate.length);
			this.apply(body);
			updates.push({bytes: Buffer.byteLength(beginUpdate + body + endUpdate), fullFrameBytes: this.fullFrameBytes()});
		}
		return updates;
	}

	/** Lines as a person reads them, without colours or trailing blanks. */
	text(): string[] {
		return Array.from({length: this.cells.length}, (_, row) => this.cellsOf(row).map(cell => cell.char).join('').trimEnd());
	}

	/** One row's cells, blanks where nothing was written. */
	cellsOf(row: number): Cell[] {
		return Array.from(this.cells[row] ?? [], cell => cell ?? {char: ' ', style: ''});
	}

	private line(row: number): Cell[] {
		return (this.cells[row] ??= []);
	}

	private apply(body: string): void {
		let index = 0;
		while (index < body.length) {
			if (body.charCodeAt(index) === 0x1b) {
				sequence.lastIndex = index;
				const match = sequence.exec(body);
				if (!match) throw new Error(`unexpected escape at ${index}: ${JSON.stringify(body.slice(index, index + 12))}`);
				index = sequence.lastIndex;
				this.control(match[1], match[2]);
				continue;
			}
			const char = String.fromCodePoint(body.codePointAt(index)!);
			index += char.length;
			if (this.column < this.columns) this.line(this.row)[this.column] = {char, style: this.style};
			// Autowrap is off: the last column takes every character written past it.
			this.column = Math.min(this.column + 1, this.columns - 1);
		}
	}

	private control(parameters: string, command: string): void {
		const numbers = parameters.split(';').map(value => Number(value || '0'));
		switch (command) {
			case 'H':
				this.row = Math.max(1, numbers[0] ?? 1) - 1;
				this.column = Math.max(1, numbers[1] ?? 1) - 1;
				return;
			case 'C':
				this.column += Math.max(1, numbers[0] ?? 1);
				return;
			case 'K': {
				const line = this.line(this.row);
				if (numbers[0] === 2) line.length = 0;
				else line.length = Math.min(line.length, this.column);
				return;
			}
			case 'J':
				this.cells.length = 0;
				return;
			case 'm':
				this.style = nextStyle(this.style, parameters);
				return;
			default:
				// Modes (`?25l`, `?7l`): nothing a cell shows.
		}
	}

	/** Every row written whole, as a writer that redraws each one at every update would. */
	private fullFrameBytes(): number {
		let total = Buffer.byteLength(beginUpdate + endUpdate);
		for (let row = 0; row < this.rows; row++) {
			let text = `\u001B[${row + 1};1H\u001B[2K`;
			let style = '';
			for (const cell of this.cellsOf(row)) {
				if (cell.style !== style) text += `\u001B[0${cell.style ? `;${cell.style}` : ''}m`;
				style = cell.style;
				text += cell.char;
			}
			if (style !== '') text += '\u001B[0m';
			total += Buffer.byteLength(text);
		}
		return total;
	}
}

/** True once at least `wans` WAN rows show configured and actual shares with a count between. */
export function showsWanData(lines: readonly string[], wans: number): boolean {
	return lines.filter(line => /\d+%\s+[\d.,]+[kM]?\s+\d+%/.test(line)).length >= wans;
}
