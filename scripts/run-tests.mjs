// Node 20's test runner does not expand globs, so the test files are listed here.
import {readdirSync, statSync} from 'node:fs';
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
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
	// tsx reads tsconfig.json by default, which covers only source/; tests need the JSX settings too.
	{stdio: 'inherit', env: {...process.env, FORCE_COLOR: '0', TSX_TSCONFIG_PATH: 'tsconfig.test.json'}},
);
process.exit(result.status ?? 1);
