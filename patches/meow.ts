// meow, changed at bundle time: normalize-package-data loads when first called, and
// node:child_process not at all.
import type {Plugin} from 'esbuild';
import {checkedPatch} from './checked-patch.js';

/** The version this change was written against; test/patches/fits.test.ts checks it. */
export const fits = {meow: '14.1.0'};

/**
 * meow runs normalize-package-data (with semver, hosted-git-info and the SPDX lists) when it
 * is imported, some 30 ms of every start, though it only uses it when a program asks for
 * `cli.pkg`, which pccmon never does. Loaded when first called instead.
 */
export function meowWithLazyNormalize(): Plugin {
	return checkedPatch(
		'meow-lazy-normalize',
		/[\\/]meow[\\/]build[\\/]dependencies\.js$/,
		[
			[
				'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
				'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
			],
			// What meow's build kept of a helper it never uses (unicorn-magic's execFile): it loads
			// node:child_process at every start.
			['\npromisify(execFile);\n', '\n'],
		],
	);
}
