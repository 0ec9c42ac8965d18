import {test} from 'node:test';
import assert from 'node:assert/strict';
import {copyFileSync, existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cliPath, runCliAt} from '../cli/helpers.js';

test('a launcher without its bundle says how to build it, in one line', {skip: existsSync(cliPath) ? false : 'dist/cli.js is missing: run npm run build'}, async t => {
	const directory = mkdtempSync(join(tmpdir(), 'pccmon-launcher-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	const launcher = join(directory, 'cli.js');
	copyFileSync(cliPath, launcher);
	const result = await runCliAt(launcher, ['--demo', '--once']);
	assert.equal(result.code, 2);
	assert.equal(result.stdout, '');
	assert.equal(result.stderr, `pccmon: ${join(directory, 'pccmon.cjs')} is missing or unreadable; build it with npm run build\n`);
});
