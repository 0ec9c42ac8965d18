import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter, once} from 'node:events';
import {Screen} from '../../source/ui/screen.js';

/** A terminal that records what is written to it. */
function terminal(columns = 40, rows = 6) {
	const writes: string[] = [];
	const out = Object.assign(new EventEmitter(), {
		columns,
		rows,
		isTTY: true,
		write(text: string) {
			writes.push(text);
			out.emit('written');
			return true;
		},
	});
	return {out: out as unknown as NodeJS.WriteStream & EventEmitter, writes};
}

/** The rows an update moved the cursor to, in order. */
const rowsWritten = (text: string) => [...new Set([...text.matchAll(/\u001B\[(\d+)(?:;\d+)?H/g)].map(match => Number(match[1])))];

test('the screen enters the alternate screen with the mouse off and leaves it on restore', () => {
	const {out, writes} = terminal();
	const screen = new Screen(out);
	screen.open();
	assert.match(writes[0], /\u001B\[\?1049h/);
	assert.match(writes[0], /\u001B\[\?1000l/);
	screen.restore();
	screen.restore();
	assert.equal(writes.filter(text => text.includes('\u001B[?1049l')).length, 1, 'left once, however often restore is called');
});

test('only the cells that changed are written, and an unchanged frame writes nothing', async t => {
	const {out, writes} = terminal();
	const screen = new Screen(out, {maxFps: 1000});
	screen.open();
	t.after(() => screen.restore());
	screen.stream.write('header\nwan1 400\nwan2 200');
	await once(out, 'written');
	assert.deepEqual(rowsWritten(writes.at(-1)!), [1, 2, 3]);

	screen.stream.write('header\nwan1 401\nwan2 200');
	await once(out, 'written');
	assert.equal(writes.at(-1)!, '\u001B[?2026h\u001B[2;8H1\u001B[?2026l', 'the one digit that changed, at its column');

	const before = writes.length;
	screen.stream.write('header\nwan1 401\nwan2 200');
	screen.stream.write('header\nwan1 402\nwan2 200');
	await once(out, 'written');
	assert.equal(writes.length, before + 1, 'frames written in a burst go out as one');
	assert.deepEqual(rowsWritten(writes.at(-1)!), [2]);
	assert.ok(screen.stats.bytes < screen.stats.fullFrameBytes + writes[0].length, 'less than whole frames');
});

test('a shorter frame blanks the rows it no longer uses; a resize redraws everything', async t => {
	const {out, writes} = terminal();
	const screen = new Screen(out, {maxFps: 1000});
	screen.open();
	t.after(() => screen.restore());
	screen.stream.write('a\nb\nc');
	await once(out, 'written');
	screen.stream.write('a\nb');
	await once(out, 'written');
	assert.deepEqual(rowsWritten(writes.at(-1)!), [3]);

	let heard = '';
	screen.stream.on('resize', () => (heard = `${screen.stream.columns}x${screen.stream.rows}`));
	Object.assign(out, {columns: 30, rows: 5});
	out.emit('resize');
	assert.equal(heard, '30x5', 'Ink hears about the resize, and the new size');
	screen.stream.write('a\nb');
	await once(out, 'written');
	assert.deepEqual(rowsWritten(writes.at(-1)!), [1, 2]);
});

test('frames never run past the terminal\'s last row', async t => {
	const {out, writes} = terminal(40, 3);
	const screen = new Screen(out, {maxFps: 1000});
	screen.open();
	t.after(() => screen.restore());
	screen.stream.write('1\n2\n3\n4\n5');
	await once(out, 'written');
	assert.deepEqual(rowsWritten(writes.at(-1)!), [1, 2, 3]);
	assert.equal(screen.stream.columns, 40);
	assert.equal(screen.stream.rows, 3);
});

test('the first data right after "connecting" is drawn at once; a storm of frames is held to maxFps', t => {
	t.mock.timers.enable({apis: ['setTimeout', 'Date']});
	const {out} = terminal();
	const screen = new Screen(out, {maxFps: 10});
	screen.open();
	t.after(() => screen.restore());
	screen.stream.write('◌ connecting');
	t.mock.timers.tick(0);
	screen.stream.write('wan1 400');
	t.mock.timers.tick(0);
	assert.equal(screen.stats.frames, 2, 'both frames out with no time passing');

	for (let count = 1; count <= 20; count++) {
		screen.stream.write(`wan1 ${400 + count}`);
		t.mock.timers.tick(50);
	}
	const storm = screen.stats.frames - 2;
	assert.ok(storm >= 9 && storm <= 11, `20 frames in a second drew ${storm}, about 10 at 10 fps`);
});
