import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import {codeCachePath, readCodeCache, writeCodeCache} from '../../source/launch/code-cache.js';
import {offerCodeCache, saveCodeCache} from '../../source/launch/hook.js';

function scratch(t: {after: (fn: () => void) => void}): string {
	const directory = mkdtempSync(join(tmpdir(), 'pccmon-code-cache-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	return directory;
}

test('the cache lives in the XDG cache directory, else ~/.cache, named by build and V8 version', () => {
	const name = `code-0123456789abcdef-v8-${process.versions.v8}.bin`;
	assert.equal(codeCachePath('0123456789abcdef', {XDG_CACHE_HOME: '/var/cache/me'}, '/home/me'), `/var/cache/me/pccmon/${name}`);
	assert.equal(codeCachePath('0123456789abcdef', {}, '/home/me'), `/home/me/.cache/pccmon/${name}`);
	assert.equal(codeCachePath('0123456789abcdef', {XDG_CACHE_HOME: 'relative/dir'}, '/home/me'), `/home/me/.cache/pccmon/${name}`, 'a relative XDG path is ignored, as the spec says');
});

test('a written cache reads back whole; other builds\' caches go, this build\'s for other V8 versions stay', t => {
	const directory = join(scratch(t), 'pccmon');
	const path = join(directory, 'code-aaaa-v8-11.3.bin');
	writeCodeCache(join(directory, 'code-bbbb-v8-11.3.bin'), Buffer.from('older build'));
	writeCodeCache(join(directory, 'code-aaaa-v8-12.4.bin'), Buffer.from('same build, other node'));
	writeFileSync(join(directory, 'notes.txt'), 'not ours');

	writeCodeCache(path, Buffer.from('this build'));
	assert.equal(readCodeCache(path)?.toString(), 'this build');
	assert.deepEqual(readdirSync(directory).sort(), ['code-aaaa-v8-11.3.bin', 'code-aaaa-v8-12.4.bin', 'notes.txt']);
});

test('no cache to read is no cache; a cache that cannot be written is skipped without a word', t => {
	const directory = scratch(t);
	assert.equal(readCodeCache(join(directory, 'missing.bin')), undefined);
	const file = join(directory, 'a-file');
	writeFileSync(file, '');
	const underFile = join(file, 'pccmon', 'code-aaaa-v8-11.3.bin');
	assert.doesNotThrow(() => writeCodeCache(underFile, Buffer.from('x')));
	assert.equal(readCodeCache(underFile), undefined);
	assert.deepEqual(readdirSync(directory).map(name => basename(name)), ['a-file']);
});

test('the cache is written once however often start-up says it is over, and not at all unless offered', () => {
	let writes = 0;
	saveCodeCache();
	offerCodeCache(() => writes++);
	saveCodeCache();
	saveCodeCache();
	assert.equal(writes, 1);
});
