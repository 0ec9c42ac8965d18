// Writes the program into dist/: one esbuild bundle, dist/pccmon.cjs, and its launcher,
// dist/cli.js. Loading Ink and its ~600 modules one file at a time cost over a second before
// the first frame; one bundle starts several times faster, and V8's code cache for it
// (source/launch/main.ts) faster still. Type-checking is `npm run typecheck`'s job: nothing
// else writes into dist/. Run with tsx (npm run build does), which loads the patches.
import {createHash} from 'node:crypto';
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import {build} from 'esbuild';
import {lazyGraphemeSegmenters} from '../patches/grapheme-segmenters.js';
import {withoutIconv} from '../patches/iconv-lite.js';
import {inkCaches, inkSharedBlankCell, inkWithoutDevtools} from '../patches/ink.js';
import {meowWithoutNormalize} from '../patches/meow.js';
import {signalExitWithoutAssert} from '../patches/signal-exit.js';
import {yogaLoadedSynchronously} from '../patches/yoga-layout.js';
import {nodeBundle} from './bundle-options.mjs';
import {lazyBuiltins} from './lazy-builtins.mjs';

// The program: one script, run by the launcher below as a function of these parameters.
await build({
	...nodeBundle,
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/pccmon.cjs',
	format: 'cjs',
	// V8 keeps the source of a script for as long as it runs (functions compile lazily from it),
	// and a source with one character past ASCII is two bytes a character: 3.6 MB, not 1.8 MB.
	// esbuild escapes such characters in the code; those in comments it keeps are escaped below.
	charset: 'ascii',
	jsx: 'automatic',
	banner: {js: '(function (exports, require, module, __filename, __dirname, pccmonImportMeta) {'},
	footer: {js: '})'},
	define: {...nodeBundle.define, 'import.meta': 'pccmonImportMeta'},
	plugins: [inkCaches(), inkSharedBlankCell(), inkWithoutDevtools(), ...yogaLoadedSynchronously(), ...lazyGraphemeSegmenters(), withoutIconv(), meowWithoutNormalize(), signalExitWithoutAssert(),
		lazyBuiltins(['assert', 'child_process', 'crypto', 'tls', 'v8', 'zlib'])],
});

const program = readFileSync('dist/pccmon.cjs', 'utf8');
writeFileSync('dist/pccmon.cjs', program.replace(/[^\0-\x7f]/gu, char => `\\u{${char.codePointAt(0).toString(16)}}`));

// The launcher, dist/cli.js: knows the program by its content hash, which names its code cache.
const hash = createHash('sha256').update(readFileSync('dist/pccmon.cjs')).digest('hex').slice(0, 16);
await build({
	...nodeBundle,
	entryPoints: ['source/launch/main.ts'],
	outfile: 'dist/cli.js',
	format: 'esm',
	define: {PCCMON_BUNDLE_HASH: JSON.stringify(hash)},
});
// `npm i -g` links the command to it and `node dist/cli.js` runs it; esbuild writes plain files.
chmodSync('dist/cli.js', 0o755);
