import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startInTmux, tmuxSkip} from '../helpers/tmux.js';

const wanRows = (text: string) => /● live/.test(text) && /^. wan1 .*\d/m.test(text);

/** `pccmon --demo` in a terminal until the WAN rows show data, then q. */
async function demoOnce(t: {after: (fn: () => void) => void}, run: string, env: string): Promise<void> {
	const demo = startInTmux(t, `pccmon-cache-${run}`, 80, 24, '--demo', env);
	await demo.until(wanRows, 'the WAN rows, live');
	demo.keys('q');
	await demo.until(text => text.includes('PCCMON-EXIT=0'), 'pccmon exited');
}

function cacheHome(t: {after: (fn: () => void) => void}) {
	const home = mkdtempSync(join(tmpdir(), 'pccmon-cache-home-'));
	t.after(() => rmSync(home, {recursive: true, force: true}));
	const directory = join(home, 'pccmon');
	return {home, directory, caches: () => (existsSync(directory) ? readdirSync(directory) : [])};
}

test('a start after a build runs from the build\'s code cache and writes none of its own', {skip: tmuxSkip}, async t => {
	const {home, caches} = cacheHome(t);
	await demoOnce(t, 'built', `XDG_CACHE_HOME=${home}`);
	assert.deepEqual(caches(), []);
});

test('where the build\'s cache does not fit, a live start writes one, the next reads it, and a damaged one is replaced', {skip: tmuxSkip}, async t => {
	const {home, directory, caches} = cacheHome(t);
	// V8 flags other than the build's, as another Node would have: V8 rejects the build's cache.
	const env = `XDG_CACHE_HOME=${home} NODE_OPTIONS=--max-old-space-size=3000`;

	await demoOnce(t, 'first', env);
	assert.equal(caches().length, 1, `one cache file, not ${caches().join(', ')}`);
	const [name] = caches();
	assert.match(name, /^code-[0-9a-f]{16}-v8-.+\.bin$/);
	const path = join(directory, name);
	const written = statSync(path);
	assert.ok(written.size > 100_000, 'the cache holds the compiled code, not a stub');

	await demoOnce(t, 'second', env);
	const after = statSync(path);
	assert.equal(after.mtimeMs, written.mtimeMs, 'V8 took the cache: it was not written again');
	assert.equal(after.ino, written.ino);

	writeFileSync(path, Buffer.alloc(written.size, 0x5a));
	await demoOnce(t, 'damaged', env);
	assert.deepEqual(caches(), [name]);
	assert.notEqual(statSync(path).ino, written.ino, 'the damaged cache was rejected and written anew');
});

test('a live screen that runs on past start-up still writes a cache the next start takes', {skip: tmuxSkip}, async t => {
	const {home, directory, caches} = cacheHome(t);
	const env = `XDG_CACHE_HOME=${home} NODE_OPTIONS=--max-old-space-size=3000`;
	// The screen tunes V8 once start-up is over; a cache stamped with those flags would be
	// refused by every start after it.
	const demo = startInTmux(t, 'pccmon-cache-running', 80, 24, '--demo --interval 0.5', env);
	await demo.until(text => wanRows(text) && caches().length === 1, 'the cache written while the screen runs');
	const path = join(directory, caches()[0]);
	const written = statSync(path);
	demo.keys('q');
	await demo.until(text => text.includes('PCCMON-EXIT=0'), 'pccmon exited');

	await demoOnce(t, 'after-running', env);
	const after = statSync(path);
	assert.equal(after.ino, written.ino, 'V8 took the cache: it was not written again');
	assert.equal(after.mtimeMs, written.mtimeMs);
});
