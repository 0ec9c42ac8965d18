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
 * the same bytes, decoded from its data: URL by Buffer, with no `fetch()` of that URL (which
 * in Node loads undici, some 70 ms).
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
				// `H` is the loader's data: URL of the binary; `wa()` decoded it with atob and a
				// loop over its 72 KB, some 3.5 ms of every start without a code cache.
				'(function(){b({instance:new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(H.slice(H.indexOf(",")+1),"base64")),d)});return{catch(){}};return w||"function"!=typeof WebAssembly.instantiateStreaming',
			],
		]),
	];
}
