// What the bundle changes in its dependencies, each for a measured cost (npm run bench).
// Every change is checked: when an upgrade moves the code, the build fails instead of
// quietly losing it.
import {readFile} from 'node:fs/promises';
import {dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const caches = resolve(dirname(fileURLToPath(import.meta.url)), '../source/ui/ink-caches');
const inkBuild = /[\\/]ink[\\/]build[\\/][^\\/]+\.js$/;
const module = file => JSON.stringify(`${caches}/${file}`);

const virtual = {
	// Loaded when first needed: string-width builds its emoji expressions as it loads (some
	// 45 ms of every start), and text of narrow characters never needs them.
	'string-width': real => `import {fastStringWidth} from ${module('string-width.ts')};
let stringWidth;
export default fastStringWidth((text, options) => (stringWidth ??= require(${JSON.stringify(real)}).default)(text, options));`,
	'@alcalzone/ansi-tokenize': real => `import * as real from ${JSON.stringify(real)};
import {cachedTokenizer} from ${module('styled-chars.ts')};
export * from ${JSON.stringify(real)};
export const {tokenize, styledCharsFromTokens, styledCharsToString} = cachedTokenizer(real);`,
	'./measure-text.js': () => `import widestLine from 'widest-line';
import {measureTextWith} from ${module('text-layout.ts')};
export default measureTextWith(widestLine);`,
	'./wrap-text.js': () => `import wrapAnsi from 'wrap-ansi';
import cliTruncate from 'cli-truncate';
import {wrapTextWith} from ${module('text-layout.ts')};
export default wrapTextWith(wrapAnsi, cliTruncate);`,
};

/** Which importers each redirect applies to: string-width wherever Ink's helpers use it. */
const appliesTo = {
	'string-width': () => true,
	'@alcalzone/ansi-tokenize': importer => /[\\/]ink[\\/]build[\\/]output\.js$/.test(importer),
	'./measure-text.js': importer => inkBuild.test(importer),
	'./wrap-text.js': importer => inkBuild.test(importer),
};

/**
 * Points Ink at source/ui/ink-caches: the same functions, remembered across frames and
 * bounded (the files there say why).
 */
export function inkCaches() {
	const used = new Set();
	return {
		name: 'ink-caches',
		setup(build) {
			build.onResolve({filter: /^(string-width|@alcalzone\/ansi-tokenize|\.\/measure-text\.js|\.\/wrap-text\.js)$/}, async args => {
				if (args.pluginData?.real || !appliesTo[args.path](args.importer)) return undefined;
				used.add(args.path);
				if (args.path.startsWith('./')) return {path: resolve(args.resolveDir, args.path), namespace: 'ink-caches', pluginData: {name: args.path}};
				const real = await build.resolve(args.path, {resolveDir: args.resolveDir, kind: args.kind, pluginData: {real: true}});
				if (real.errors.length > 0) return {errors: real.errors};
				return {path: real.path, namespace: 'ink-caches', pluginData: {name: args.path}};
			});
			build.onLoad({filter: /.*/, namespace: 'ink-caches'}, args => ({
				contents: virtual[args.pluginData.name](args.path),
				resolveDir: dirname(args.path),
				loader: 'js',
			}));
			build.onEnd(result => {
				const missing = Object.keys(virtual).filter(name => !used.has(name));
				if (missing.length > 0 && result.errors.length === 0) {
					result.errors.push({text: `Ink no longer imports ${missing.join(', ')}; update scripts/ink-caches-plugin.mjs for this Ink version`});
				}
			});
		},
	};
}

/**
 * node-routeros encodes and decodes with iconv-lite, whose tables for every encoding are half
 * a megabyte of the bundle, parsed at every start. pccmon replaces both methods that call it
 * (source/routeros/patch-node-routeros.ts), so the bundle gets a stand-in that says so if
 * anything ever reaches it.
 */
export function withoutIconv() {
	let replaced = false;
	return {
		name: 'without-iconv',
		setup(build) {
			build.onResolve({filter: /^iconv-lite$/}, args => {
				if (!/[\\/]node-routeros[\\/]/.test(args.importer)) return undefined;
				replaced = true;
				return {path: 'iconv-lite', namespace: 'without-iconv'};
			});
			build.onLoad({filter: /.*/, namespace: 'without-iconv'}, () => ({
				contents: `const replaced = () => { throw new Error('node-routeros reached iconv-lite, which pccmon replaces: source/routeros/patch-node-routeros.ts no longer covers this path'); };
module.exports = {encode: replaced, decode: replaced};`,
				loader: 'js',
			}));
			build.onEnd(result => {
				if (!replaced && result.errors.length === 0) result.errors.push({text: 'node-routeros no longer imports iconv-lite; update withoutIconv in scripts/bundle-plugins.mjs'});
			});
		},
	};
}

/**
 * A plugin that makes `changes` ([from, to] pairs; `from` a string or a pattern) in the one
 * dependency file matching `file`, and puts `prelude` before it. Fails the build when the file
 * or any `from` is gone, so an upgrade cannot quietly drop a change.
 */
function patch(name, file, changes, prelude = '') {
	let patched = false;
	const fail = why => ({text: `${name}: ${why}; update it in scripts/bundle-plugins.mjs for this version`});
	return {
		name,
		setup(build) {
			build.onLoad({filter: file}, async args => {
				let source = await readFile(args.path, 'utf8');
				for (const [from, to] of changes) {
					if (!(typeof from === 'string' ? source.includes(from) : from.test(source))) return {errors: [fail(`${args.path} no longer has the code it changes`)]};
					source = source.replace(from, to);
				}
				patched = true;
				return {contents: prelude + source, loader: 'js'};
			});
			build.onEnd(result => {
				if (!patched && result.errors.length === 0) result.errors.push(fail('the file it changes is not in the bundle'));
			});
		},
	};
}

/**
 * Ink's Output fills a fresh screen with a new blank-cell object per cell every frame (4,800
 * at 120x40) only to overwrite most of them; it never changes a cell, so one will do.
 */
export function inkSharedBlankCell() {
	return patch(
		'ink-shared-blank-cell',
		/[\\/]ink[\\/]build[\\/]output\.js$/,
		[[/row\.push\(\{\s*type: 'char',\s*value: ' ',\s*fullWidth: false,\s*styles: \[\],\s*\}\);/, 'row.push(blankCell);']],
		"const blankCell = {type: 'char', value: ' ', fullWidth: false, styles: []};\n",
	);
}

/**
 * yoga-layout compiles its WebAssembly behind a top-level await, which a script cannot have
 * (the bundle is a script so V8 can cache its code; source/launch/main.ts says why). Its
 * Emscripten loader is handed a module object to fill and compiles synchronously instead:
 * the same bytes, decoded by the loader's own base64 decoder, and no `fetch()` of its data:
 * URL (which in Node loads undici, some 70 ms).
 */
export function yogaLoadedSynchronously() {
	return [
		patch('yoga-sync-entry', /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, [
			['const Yoga = wrapAssembly(await loadYoga());', 'const yogaModule = {};\nloadYoga(yogaModule);\nconst Yoga = wrapAssembly(yogaModule);'],
		]),
		patch('yoga-sync-instantiate', /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, [
			// `wa()` decodes the embedded binary, `d` holds the imports and `b` takes the instance.
			[
				'(function(){return w||"function"!=typeof WebAssembly.instantiateStreaming',
				'(function(){b({instance:new WebAssembly.Instance(new WebAssembly.Module(wa()),d)});return{catch(){}};return w||"function"!=typeof WebAssembly.instantiateStreaming',
			],
		]),
	];
}

/**
 * Ink awaits React DevTools and its own package.json at the top level when DEV=true, which a
 * script cannot do; pccmon does not offer React DevTools, so DEV is not consulted.
 */
export function inkWithoutDevtools() {
	return patch('ink-without-devtools', /[\\/]ink[\\/]build[\\/]reconciler\.js$/, [
		['if (isDev()) {', 'if (false) {'],
		['const packageJson = isDev()', 'const packageJson = false'],
	]);
}

/**
 * The first Intl.Segmenter a process creates loads ICU's break rules, some 25 ms; Ink's
 * tokenizers each create one as they load, though pccmon's own paths (source/ui/ink-caches)
 * spare them all text of narrow characters. They get one that is created when first used.
 */
export function lazyGraphemeSegmenters() {
	const lazy = "const lazySegmenter = (...options) => {\n\tlet segmenter;\n\treturn {segment: text => (segmenter ??= new Intl.Segmenter(...options)).segment(text)};\n};\n";
	return [
		patch('slice-ansi-lazy-segmenter', /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, [['new Intl.Segmenter(', 'lazySegmenter(']], lazy),
		patch('ansi-tokenize-lazy-segmenter', /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, [['new Intl.Segmenter(', 'lazySegmenter(']], lazy),
	];
}

/**
 * meow runs normalize-package-data (with semver, hosted-git-info and the SPDX lists) when it
 * is imported, some 30 ms of every start, though it only uses it when a program asks for
 * `cli.pkg`, which pccmon never does. Loaded when first called instead.
 */
export function meowWithLazyNormalize() {
	return patch(
		'meow-lazy-normalize',
		/[\\/]meow[\\/]build[\\/]dependencies\.js$/,
		[[
			'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
			'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
		]],
	);
}
