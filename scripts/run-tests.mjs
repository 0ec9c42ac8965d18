// Node 20's test runner does not expand globs, so the test files are listed here.
import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {spawnSync} from 'node:child_process';

function find(dir) {
	return readdirSync(dir).flatMap(name => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return find(path);
		return /\.test\.tsx?$/.test(name) ? [path] : [];
	});
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : find('test').sort();
// The built CLI keeps V8's code cache in the user's cache directory; the tests keep theirs apart.
const cacheHome = mkdtempSync(join(tmpdir(), 'pccmon-test-cache-'));
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
	{stdio: 'inherit', env: {...process.env, FORCE_COLOR: '0', XDG_CACHE_HOME: cacheHome}},
);
rmSync(cacheHome, {recursive: true, force: true});
process.exit(result.status ?? 1);
