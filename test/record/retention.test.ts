import assert from 'node:assert/strict';
import {readdirSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {parseSize, pruneRecordings, recordingName} from '../../source/record/retention.js';
import {tempFolder} from './helpers.js';

describe('the recordings folder', () => {
	it('names a recording after the router and when it began, in local time', () => {
		assert.equal(recordingName('office-gw', new Date(2026, 11, 1, 3, 12, 5)), 'office-gw-20261201-031205.pccrec');
		assert.equal(recordingName('fe80::1/../x', new Date(2026, 0, 2, 13, 4, 0)), 'fe80_1_.._x-20260102-130400.pccrec');
	});

	it('keeps under its size and age, oldest first, never the one being written nor other files', t => {
		const folder = tempFolder(t);
		const day = 24 * 3600 * 1000;
		const now = Date.now();
		const make = (name: string, bytes: number, daysOld: number) => {
			const path = join(folder, name);
			writeFileSync(path, Buffer.alloc(bytes));
			utimesSync(path, (now - daysOld * day) / 1000, (now - daysOld * day) / 1000);
			return path;
		};
		make('a-old.pccrec', 10, 20);
		make('b.pccrec', 400, 5);
		make('c.pccrec', 400, 3);
		make('notes.txt', 10_000, 30);
		const current = make('d-now.pccrec', 400, 0);
		const removed = pruneRecordings(folder, {maxBytes: 900, maxAgeMs: 14 * day}, current, now);
		assert.deepEqual(removed.map(path => path.slice(folder.length + 1)), ['a-old.pccrec', 'b.pccrec']);
		assert.deepEqual(readdirSync(folder).sort(), ['c.pccrec', 'd-now.pccrec', 'notes.txt']);
	});

	it('reads sizes as --record-max writes them', () => {
		assert.equal(parseSize('500M'), 500 * 1024 ** 2);
		assert.equal(parseSize('2G'), 2 * 1024 ** 3);
		assert.equal(parseSize('800k'), 800 * 1024);
		assert.equal(parseSize('1234'), 1234);
		assert.equal(parseSize('lots'), undefined);
	});
});
