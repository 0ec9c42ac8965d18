// The modules the bench drives (bench/measured.ts), bundled as the shipped program is: the
// same esbuild settings, production React, node-routeros as patched. The shipped bundle is a
// closed script with nothing to import, so the poll, flush and simulator figures run this one;
// the terminal and start-up figures run dist/cli.js itself. Written to .tmp/, never shipped.
import {build} from 'esbuild';
import {withoutIconv} from '../patches/iconv-lite.js';
import {nodeBundle} from './bundle-options.mjs';

const benchBundle = '.tmp/bench/measured.mjs';

await build({
	...nodeBundle,
	entryPoints: ['bench/measured.ts'],
	outfile: benchBundle,
	format: 'esm',
	// The CommonJS dependencies (node-routeros) require Node's modules; an ES module has no require.
	banner: {js: "import {createRequire} from 'node:module';\nconst require = createRequire(import.meta.url);"},
	plugins: [withoutIconv()],
});
