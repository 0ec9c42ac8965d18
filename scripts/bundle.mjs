// Bundles the CLI after tsc has type-checked and emitted it. Loading Ink and its ~600
// modules one file at a time cost over a second before the first frame; one bundle starts
// several times faster, and V8's code cache for it (source/launch/main.ts) faster still.
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {build} from 'esbuild';
import {
	inkCaches,
	inkSharedBlankCell,
	inkWithoutDevtools,
	lazyGraphemeSegmenters,
	meowWithLazyNormalize,
	withoutIconv,
	yogaLoadedSynchronously,
} from './bundle-plugins.mjs';

const common = {bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', allowOverwrite: true};

// The program: one script, run by the launcher below as a function of these parameters.
await build({
	...common,
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/pccmon.cjs',
	format: 'cjs',
	jsx: 'automatic',
	banner: {js: '(function (exports, require, module, __filename, __dirname, pccmonImportMeta) {'},
	footer: {js: '})'},
	define: {
		// React's development build costs several times the CPU and memory of its production
		// one on a screen that redraws every second; the shipped command runs the production build.
		'process.env.NODE_ENV': '"production"',
		'import.meta': 'pccmonImportMeta',
	},
	plugins: [inkCaches(), inkSharedBlankCell(), inkWithoutDevtools(), ...yogaLoadedSynchronously(), ...lazyGraphemeSegmenters(), withoutIconv(), meowWithLazyNormalize()],
	// Ink loads it only when asked to; it is not installed.
	external: ['source-map-support'],
});

// The launcher, dist/cli.js: knows the program by its content hash, which names its code cache.
const hash = createHash('sha256').update(readFileSync('dist/pccmon.cjs')).digest('hex').slice(0, 16);
await build({
	...common,
	entryPoints: ['source/launch/main.ts'],
	outfile: 'dist/cli.js',
	format: 'esm',
	define: {PCCMON_BUNDLE_HASH: JSON.stringify(hash)},
});
