// Runs the tests: every file under test/, or the files named. `--unit` leaves out the tests
// that run the build (dist/), so it needs no build and takes a fraction of the time: the
// developer's loop. `npm test` builds first and runs them all.
// Node 20's test runner does not expand globs, so the test files are listed here.
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {spawnSync} from 'node:child_process';

function find(dir) {
	return readdirSync(dir).flatMap(name => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return find(path);
		return /\.test\.tsx?$/.test(name) ? [path] : [];
	});
}

const testRoot = resolve('test');
/** A module that points at the built program, as the CLI and terminal test helpers do. */
const pointsAtTheBuild = /\bdist\/(cli\.js|pccmon\.cjs)/;

/** The test-local modules a file imports, as paths (`./x.js` may be x.ts or x.tsx). */
function localImports(file) {
	const specifiers = [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(match => match[1]);
	return specifiers.flatMap(specifier => {
		const base = resolve(dirname(file), specifier);
		const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx')];
		const found = candidates.find(path => path.startsWith(testRoot) && existsSync(path) && statSync(path).isFile());
		return found ? [found] : [];
	});
}

/** Whether a test file, or any test-local module it reaches, runs the build. */
function runsTheBuild(file, seen = new Set()) {
	if (seen.has(file)) return false;
	seen.add(file);
	if (pointsAtTheBuild.test(readFileSync(file, 'utf8'))) return true;
	return localImports(file).some(imported => runsTheBuild(imported, seen));
}

const args = process.argv.slice(2);
const unit = args.includes('--unit');
const only = args.filter(arg => arg !== '--unit');
const all = only.length > 0 ? only : find('test').sort();
const files = unit ? all.filter(file => !runsTheBuild(resolve(file))) : all;
// The built CLI keeps V8's code cache in the user's cache directory; the tests keep theirs apart.
const cacheHome = mkdtempSync(join(tmpdir(), 'pccmon-test-cache-'));
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
	{stdio: 'inherit', env: {...process.env, FORCE_COLOR: '0', XDG_CACHE_HOME: cacheHome}},
);
rmSync(cacheHome, {recursive: true, force: true});
process.exit(result.status ?? 1);
