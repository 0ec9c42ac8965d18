// yoga-layout, changed at bundle time: its WebAssembly is compiled synchronously instead of
// behind a top-level await.
import type {Plugin} from 'esbuild';
import {checkedPatch} from './checked-patch.js';

/** The version these changes were written against; test/patches/fits.test.ts checks it. */
export const fits = {'yoga-layout': '3.2.1'};

/**
 * yoga-layout compiles its WebAssembly behind a top-level await, which a script cannot have
 * (the bundle is a script so V8 can cache its code; source/launch/main.ts says why). Its
 * Emscripten loader is handed a module object to fill and compiles synchronously instead:
 * the same bytes, decoded by the loader's own base64 decoder, and no `fetch()` of its data:
 * URL (which in Node loads undici, some 70 ms).
 */
export function yogaLoadedSynchronously(): Plugin[] {
	return [
		checkedPatch('yoga-sync-entry', /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, [
			['const Yoga = wrapAssembly(await loadYoga());', 'const yogaModule = {};\nloadYoga(yogaModule);\nconst Yoga = wrapAssembly(yogaModule);'],
		]),
		checkedPatch('yoga-sync-instantiate', /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, [
			// `wa()` decodes the embedded binary, `d` holds the imports and `b` takes the instance.
			[
				'(function(){return w||"function"!=typeof WebAssembly.instantiateStreaming',
				'(function(){b({instance:new WebAssembly.Instance(new WebAssembly.Module(wa()),d)});return{catch(){}};return w||"function"!=typeof WebAssembly.instantiateStreaming',
			],
		]),
	];
}
