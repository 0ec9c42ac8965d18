// meow, changed at bundle time: normalize-package-data is left out, and node:child_process
// does not load.
import type {Plugin} from 'esbuild';
import {checkedPatch} from './checked-patch.js';

/** The version this change was written against; test/patches/fits.test.ts checks it. */
export const fits = {meow: '14.1.0'};

/**
 * meow runs normalize-package-data (with semver, hosted-git-info and the SPDX lists) when it
 * is imported, some 30 ms of every start, though it only uses it when a program asks for
 * `cli.pkg`, which pccmon never does. The bundle gets a stand-in that throws if anything
 * reaches it, so esbuild leaves out the package and its dependencies: 120 KB of source V8
 * no longer parses at each start without a code cache, nor holds while pccmon runs.
 */
export function meowWithoutNormalize(): Plugin {
	return checkedPatch(
		'meow-without-normalize',
		/[\\/]meow[\\/]build[\\/]dependencies\.js$/,
		[
			[
				'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
				"const normalizePackageData = () => {\n\tthrow new Error('normalize-package-data is left out of the bundle: pccmon never reads cli.pkg (patches/meow.ts)');\n};",
			],
			// What meow's build kept of a helper it never uses (unicorn-magic's execFile): it loads
			// node:child_process at every start.
			['\npromisify(execFile);\n', '\n'],
		],
	);
}
