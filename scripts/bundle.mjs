// Bundles the CLI after tsc has type-checked and emitted it. Loading Ink and its ~600
// modules one file at a time costs over a second before the first frame; one bundle (with
// the live screen and the simulator as lazily loaded chunks) starts several times faster.
import {build} from 'esbuild';
import {inkCaches, inkSharedBlankCell, meowWithLazyNormalize, withoutIconv, yogaWithoutFetch} from './bundle-plugins.mjs';

await build({
	entryPoints: {cli: 'source/cli.tsx'},
	outdir: 'dist',
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	// React's development build costs several times the CPU and memory of its production one
	// on a screen that redraws every second; the shipped command runs the production build.
	define: {'process.env.NODE_ENV': '"production"'},
	plugins: [inkCaches(), inkSharedBlankCell(), yogaWithoutFetch(), withoutIconv(), meowWithLazyNormalize()],
	// Ink loads these only when asked to (React DevTools, DEV=true); they are not installed.
	external: ['react-devtools-core', 'source-map-support'],
	// node-routeros and other CommonJS packages call require() for Node's built-ins.
	banner: {js: "import {createRequire as pccmonCreateRequire} from 'node:module'; const require = pccmonCreateRequire(import.meta.url);"},
	logLevel: 'warning',
	allowOverwrite: true,
});
