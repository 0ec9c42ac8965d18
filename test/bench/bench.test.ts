import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {figuresTable, growthTable, verdict} from '../../bench/report.js';
import {ScreenModel, showsWanData} from '../../bench/screen-model.js';
import {bytes, duration, growth, median} from '../../bench/stats.js';
import {toCells} from '../../source/ui/cells.js';
import {Screen} from '../../source/ui/screen.js';

/** What pccmon's screen writer sends to a terminal for each frame, in order. */
function drawn(frames: string[], rows = 6): string {
	const written: string[] = [];
	const out = Object.assign(new EventEmitter(), {
		columns: 40,
		rows,
		isTTY: true,
		write(text: string) {
			written.push(text);
			return true;
		},
	});
	for (const frame of frames) {
		// A fresh screen per frame, restored at once: restore() flushes without waiting for the frame cap.
		const screen = new Screen(out as unknown as NodeJS.WriteStream);
		screen.open();
		screen.stream.write(frame);
		screen.restore();
	}
	return written.join('');
}

test('the bench reads back the lines pccmon\'s screen writer drew', () => {
	const model = new ScreenModel(6);
	const updates = model.feed(drawn(['pccmon\n\u001B[1mwan1\u001B[22m 0,1/2  50%  812  64%\nwan2 2/2  50%  400  36%']));
	assert.equal(updates.length, 1);
	assert.deepEqual(model.text().slice(0, 3), ['pccmon', 'wan1 0,1/2  50%  812  64%', 'wan2 2/2  50%  400  36%']);
	assert.ok(showsWanData(model.text(), 2));
	assert.ok(!showsWanData(model.text(), 3));
	assert.ok(updates[0].fullFrameBytes >= updates[0].bytes, 'redrawing every row costs at least what was drawn');
});

test('an update of one changed line costs less than a full redraw', () => {
	const model = new ScreenModel(6);
	const frame = (conns: number) => `pccmon\nwan1 0/2  50%  ${conns}  50%\nwan2 1/2  50%  400  50%\nevents\nhelp`;
	const updates = model.feed(drawn([frame(400), frame(401)]));
	// Each frame here opens a fresh screen, which clears and draws everything again.
	assert.equal(updates.length, 2);
	assert.equal(model.text()[1], 'wan1 0/2  50%  401  50%');
	const partial = new ScreenModel(6);
	partial.feed('\u001B[?2026h\u001B[1;1H\u001B[2Ka\u001B[2;1H\u001B[2Kb\u001B[?2026l');
	const [update] = partial.feed('\u001B[?2026h\u001B[2;1H\u001B[2Kc\u001B[?2026l');
	assert.deepEqual(partial.text().slice(0, 2), ['a', 'c']);
	assert.ok(update.bytes < update.fullFrameBytes);
});

test('figures print as a Markdown table with the verdict and the command', () => {
	const table = figuresTable([
		{figure: 'Poll cycle, 1M', pccmon: '12 ms', naive: '> 10 s', target: '≤ 50 ms', verdict: verdict(true), command: 'npm run bench -- --only scale'},
		{figure: 'a | b', pccmon: '1', naive: '–', target: 't', verdict: verdict(true, false), command: 'x'},
	]);
	const lines = table.split('\n');
	assert.equal(lines.length, 4);
	assert.match(lines[2], /\| yes +\| `npm run bench -- --only scale` \|$/);
	assert.match(lines[3], /a \\\| b/);
	assert.match(lines[3], /\*\*NO\*\*/);
	assert.equal(new Set(lines.map(line => [...line].length)).size, 1, 'columns line up');
	assert.match(growthTable(['10k', '1M'], [{figure: 'poll', values: ['5 ms', '6 ms'], factor: growth(5, 6)}]), /×1\.20/);
});

test('medians and units', () => {
	assert.equal(median([3, 1, 2]), 2);
	assert.equal(median([4, 1, 2, 3]), 2.5);
	assert.equal(bytes(8 * 1024), '8.0 KB');
	assert.equal(bytes(950), '950 B');
	assert.equal(duration(1234), '1.23 s');
	assert.equal(verdict(), 'info');
});

test('what the screen writer sends, cell by cell, leaves on the terminal exactly the frames it was given', t => {
	t.mock.timers.enable({apis: ['setTimeout', 'Date']});
	const written: string[] = [];
	const out = Object.assign(new EventEmitter(), {
		columns: 30,
		rows: 5,
		isTTY: true,
		write(text: string) {
			written.push(text);
			return true;
		},
	});
	const screen = new Screen(out as unknown as NodeJS.WriteStream, {maxFps: 1000});
	screen.open();
	const model = new ScreenModel(5, 200);
	const random = (() => {
		let seed = 7;
		return (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
	})();
	const colours = ['', '\u001B[1m', '\u001B[32m', '\u001B[2m', '\u001B[31;1m', '\u001B[38;5;208m', '\u001B[7m'];
	const word = () => `${colours[random(colours.length)]}${'ab1 2│█x'.slice(random(4), 4 + random(5))}\u001B[0m`;
	const line = () => Array.from({length: random(6)}, word).join(random(2) ? ' ' : '   ');
	let frame: string[] = Array.from({length: 5}, line);
	for (let step = 0; step < 300; step++) {
		// Mostly small changes to a line or two, as between polls; now and then a new screen.
		frame = step % 37 === 0 ? Array.from({length: 1 + random(5)}, line) : frame.map(text => (random(4) === 0 ? line() : text));
		const text = frame.join('\n');
		screen.stream.write(text);
		t.mock.timers.tick(10);
		model.feed(written.splice(0).join(''));
		const expected = frame.map(row => {
			const cells = toCells(row)!;
			let end = cells.chars.length;
			while (end > 0 && cells.chars[end - 1] === ' ' && cells.styles[end - 1] === '') end--;
			return cells.chars.slice(0, end).map((char, column) => `${char}${cells.styles[column]}`);
		});
		const shown = Array.from({length: 5}, (_, row) => model.cellsOf(row).map(cell => `${cell.char}${cell.style}`));
		for (const row of shown) while (row.length > 0 && row.at(-1) === ' ') row.pop();
		assert.deepEqual(shown, [...expected, ...Array.from({length: 5 - expected.length}, () => [])], `step ${step}`);
	}
	screen.restore();
});
