// The one way a bundle-time patch changes a dependency's code: text replaced in one file, each
// replacement checked, so an upgrade that moves the code fails the build instead of quietly
// dropping the change.
import {readFile} from 'node:fs/promises';
import type {BuildResult, Plugin} from 'esbuild';

/** Ends a build with an error when a patch finds the code it changes gone. */
export function failBuild(result: BuildResult, text: string): void {
	if (result.errors.length === 0) result.errors.push({id: '', pluginName: '', text, location: null, notes: [], detail: undefined});
}

export type Change = [from: string | RegExp, to: string];

/**
 * Makes `changes` in the one dependency file matching `file`, and puts `prelude` before it.
 * Fails the build when the file is not in the bundle or any `from` is gone.
 */
export function checkedPatch(name: string, file: RegExp, changes: Change[], prelude = ''): Plugin {
	let patched = false;
	const message = (why: string) => `${name}: ${why}; see patches/README.md`;
	return {
		name,
		setup(build) {
			build.onLoad({filter: file}, async args => {
				let source = await readFile(args.path, 'utf8');
				for (const [from, to] of changes) {
					if (!(typeof from === 'string' ? source.includes(from) : from.test(source))) return {errors: [{text: message(`${args.path} no longer has the code it changes`)}]};
					source = source.replace(from, to);
				}
				patched = true;
				return {contents: prelude + source, loader: 'js'};
			});
			build.onEnd(result => {
				if (!patched) failBuild(result, message('the file it changes is not in the bundle'));
			});
		},
	};
}
