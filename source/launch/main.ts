#!/usr/bin/env node
// dist/cli.js: runs the bundle (dist/pccmon.cjs) from V8's code cache. Parsing and compiling
// the bundle's 1.7 MB of JavaScript was a fifth of the time to the first frame;
// Node 20 caches code only for scripts it is handed, so the bundle is a script, not a module.
// The build leaves a cache beside the bundle; where that one does not fit, the live screen
// writes one to the user's cache directory once start-up is over.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {Script} from 'node:vm';
import {builtCodeCachePath, codeCachePath, readCodeCache, writeCodeCache} from './code-cache.js';
import {offerCodeCache} from './hook.js';

/** The bundle's content hash, set by scripts/bundle.mjs. */
declare const PCCMON_BUNDLE_HASH: string;

type Bundle = (
	exports: object,
	require: NodeJS.Require,
	module: {exports: object},
	filename: string,
	directory: string,
	importMeta: {url: string},
) => void;

const bundle = fileURLToPath(new URL('pccmon.cjs', import.meta.url));
const cachePath = codeCachePath(PCCMON_BUNDLE_HASH);
// The user's cache exists only where the build's did not fit.
const cachedData = readCodeCache(cachePath) ?? readCodeCache(builtCodeCachePath(bundle));
let source: string;
try {
	// The build writes it all ASCII (scripts/bundle.mjs), which latin1 reads as it is and
	// faster than a UTF-8 decoder: a few milliseconds of 2 MB.
	source = readFileSync(bundle, 'latin1');
} catch {
	process.stderr.write(`pccmon: ${bundle} is missing or unreadable; build it with npm run build\n`);
	process.exit(2);
}
const script = new Script(source, {filename: bundle, cachedData});
if (cachedData === undefined || script.cachedDataRejected) {
	offerCodeCache(() => writeCodeCache(cachePath, script.createCachedData()));
}
const module = {exports: {}};
(script.runInThisContext() as Bundle)(module.exports, createRequire(bundle), module, bundle, dirname(bundle), {
	url: pathToFileURL(bundle).href,
});
