// Leaves V8's code cache beside the bundle, so that the first start after a build starts from
// it too (source/launch/main.ts reads it). Compiled eagerly, the cache holds every function,
// as one written at the end of a start would hold those start-up ran. Run with tsx (npm run
// build does): the cache's name comes from the launcher's own source.
import {spawnSync} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {setFlagsFromString} from 'node:v8';
import {Script} from 'node:vm';
import {builtCodeCachePath} from '../source/launch/code-cache.js';

const bundle = resolve('dist/pccmon.cjs');
setFlagsFromString('--no-lazy');
const script = new Script(readFileSync(bundle, 'utf8'), {filename: bundle});
// V8 stamps a cache with its flags and rejects it under others: back to the defaults first.
setFlagsFromString('--lazy');
const path = builtCodeCachePath(bundle);
writeFileSync(path, script.createCachedData());

// Checked as pccmon will read it, in a fresh process.
const check = `const {Script} = require('node:vm'); const {readFileSync} = require('node:fs');
const [bundle, cache] = process.argv.slice(1);
process.exit(new Script(readFileSync(bundle, 'utf8'), {filename: bundle, cachedData: readFileSync(cache)}).cachedDataRejected ? 1 : 0);`;
if (spawnSync(process.execPath, ['-e', check, bundle, path]).status !== 0) {
	rmSync(path);
	console.warn('code-cache: V8 rejected the cache it was given; pccmon will write its own at its first start');
}
