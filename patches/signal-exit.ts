// signal-exit, changed at bundle time: it checks its argument without node:assert.
import type {Plugin} from 'esbuild';
import {checkedPatch} from './checked-patch.js';

/** The version this change was written against; test/patches/fits.test.ts checks it. */
export const fits = {'signal-exit': '3.0.7'};

/**
 * Ink registers its exit handler through signal-exit at its first render, and signal-exit
 * checks the handler with `assert.equal`, so node:assert loaded at every start for that one
 * check (some 2.5 ms when Node's own code cache does not fit). The same check, the same
 * message, in plain code; node:assert loads only if something else uses it.
 */
export function signalExitWithoutAssert(): Plugin {
	return checkedPatch(
		'signal-exit-without-assert',
		/[\\/]signal-exit[\\/]index\.js$/,
		[[
			"assert.equal(typeof cb, 'function', 'a callback must be provided for exit handler')",
			"if (typeof cb !== 'function') throw new TypeError('a callback must be provided for exit handler')",
		]],
	);
}
