// Ink, changed at bundle time: its text helpers get pccmon's remembering, bounded versions, it
// stops making a new blank cell for every cell of every frame, and it no longer awaits React
// DevTools at the top level. Each change was measured (docs/performance.md).
import {dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Plugin} from 'esbuild';
import {checkedPatch, failBuild} from './checked-patch.js';

/** The versions these changes were written against; test/patches/fits.test.ts checks them. */
export const fits = {ink: '6.8.0', 'string-width': '8.3.0', '@alcalzone/ansi-tokenize': '0.2.5'};

const caches = resolve(dirname(fileURLToPath(import.meta.url)), '../source/ui/ink-caches');
const inkBuild = /[\\/]ink[\\/]build[\\/][^\\/]+\.js$/;
const cacheModule = (file: string) => JSON.stringify(`${caches}/${file}`);

type Redirect = 'string-width' | '@alcalzone/ansi-tokenize' | './measure-text.js' | './wrap-text.js';

/** The module each import is given instead; `real` is the path of the one it replaces. */
const virtual: Record<Redirect, (real: string) => string> = {
	// Loaded when first needed: string-width builds its emoji expressions as it loads (some
	// 45 ms of every start), and text of narrow characters never needs them.
	'string-width': real => `import {fastStringWidth} from ${cacheModule('string-width.ts')};
let stringWidth;
export default fastStringWidth((text, options) => (stringWidth ??= require(${JSON.stringify(real)}).default)(text, options));`,
	'@alcalzone/ansi-tokenize': real => `import * as real from ${JSON.stringify(real)};
import {cachedTokenizer} from ${cacheModule('styled-chars.ts')};
export * from ${JSON.stringify(real)};
export const {tokenize, styledCharsFromTokens, styledCharsToString} = cachedTokenizer(real);`,
	// Ink's own caches keep every text they ever saw: some 50 MB an hour with figures that
	// change every second.
	'./measure-text.js': () => `import widestLine from 'widest-line';
import {measureTextWith} from ${cacheModule('text-layout.ts')};
export default measureTextWith(widestLine);`,
	'./wrap-text.js': () => `import wrapAnsi from 'wrap-ansi';
import cliTruncate from 'cli-truncate';
import {wrapTextWith} from ${cacheModule('text-layout.ts')};
export default wrapTextWith(wrapAnsi, cliTruncate);`,
};

/** Which importers each redirect applies to: string-width wherever Ink's helpers use it. */
const appliesTo: Record<Redirect, (importer: string) => boolean> = {
	'string-width': () => true,
	'@alcalzone/ansi-tokenize': importer => /[\\/]ink[\\/]build[\\/]output\.js$/.test(importer),
	'./measure-text.js': importer => inkBuild.test(importer),
	'./wrap-text.js': importer => inkBuild.test(importer),
};

/**
 * Points Ink at source/ui/ink-caches: the same functions, remembered across frames and
 * bounded (the files there say why).
 */
export function inkCaches(): Plugin {
	const used = new Set<Redirect>();
	return {
		name: 'ink-caches',
		setup(build) {
			build.onResolve({filter: /^(string-width|@alcalzone\/ansi-tokenize|\.\/measure-text\.js|\.\/wrap-text\.js)$/}, async args => {
				const name = args.path as Redirect;
				if (args.pluginData?.real || !appliesTo[name](args.importer)) return undefined;
				used.add(name);
				if (name.startsWith('./')) return {path: resolve(args.resolveDir, name), namespace: 'ink-caches', pluginData: {name}};
				const real = await build.resolve(name, {resolveDir: args.resolveDir, kind: args.kind, pluginData: {real: true}});
				if (real.errors.length > 0) return {errors: real.errors};
				return {path: real.path, namespace: 'ink-caches', pluginData: {name}};
			});
			build.onLoad({filter: /.*/, namespace: 'ink-caches'}, args => ({
				contents: virtual[args.pluginData.name as Redirect](args.path),
				resolveDir: dirname(args.path),
				loader: 'js',
			}));
			build.onEnd(result => {
				const missing = Object.keys(virtual).filter(name => !used.has(name as Redirect));
				if (missing.length > 0) failBuild(result, `ink-caches: Ink no longer imports ${missing.join(', ')}; see patches/README.md`);
			});
		},
	};
}

/**
 * Ink's Output fills a fresh screen with a new blank-cell object per cell every frame (4,800
 * at 120x40) only to overwrite most of them; it never changes a cell, so one will do.
 */
export function inkSharedBlankCell(): Plugin {
	return checkedPatch(
		'ink-shared-blank-cell',
		/[\\/]ink[\\/]build[\\/]output\.js$/,
		[[/row\.push\(\{\s*type: 'char',\s*value: ' ',\s*fullWidth: false,\s*styles: \[\],\s*\}\);/, 'row.push(blankCell);']],
		"const blankCell = {type: 'char', value: ' ', fullWidth: false, styles: []};\n",
	);
}

/**
 * Ink awaits React DevTools and its own package.json at the top level when DEV=true, which a
 * script cannot do (the bundle is a script so V8 can cache its code; source/launch/main.ts
 * says why). pccmon does not offer React DevTools, so DEV is not consulted.
 */
export function inkWithoutDevtools(): Plugin {
	return checkedPatch('ink-without-devtools', /[\\/]ink[\\/]build[\\/]reconciler\.js$/, [
		['if (isDev()) {', 'if (false) {'],
		['const packageJson = isDev()', 'const packageJson = false'],
	]);
}
