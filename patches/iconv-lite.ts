// node-routeros's iconv-lite, left out of the bundle.
import type {Plugin} from 'esbuild';
import {failBuild} from './checked-patch.js';

/**
 * The versions this was written against; test/patches/fits.test.ts checks them. What matters
 * is which node-routeros methods use iconv-lite: patches/node-routeros.ts replaces them.
 */
export const fits = {'node-routeros': '1.6.9', 'iconv-lite': '0.7.3'};

/**
 * node-routeros encodes and decodes with iconv-lite, whose tables for every encoding are half
 * a megabyte of the bundle, parsed at every start. pccmon replaces both methods that call it
 * (patches/node-routeros.ts), so the bundle gets a stand-in that says so if anything ever
 * reaches it.
 */
export function withoutIconv(): Plugin {
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
				contents: `const replaced = () => { throw new Error('node-routeros reached iconv-lite, which pccmon replaces: patches/node-routeros.ts no longer covers this path'); };
module.exports = {encode: replaced, decode: replaced};`,
				loader: 'js',
			}));
			build.onEnd(result => {
				if (!replaced) failBuild(result, 'without-iconv: node-routeros no longer imports iconv-lite; see patches/README.md');
			});
		},
	};
}
