// Node's own modules that the bundle names but a start does not use, loaded when the bundle
// first reads one of their exports instead of as the module naming them loads. Each costs
// a few milliseconds to load, several times that when other V8 flags cost Node its own code
// cache (docs/performance.md); child_process, tls, zlib, v8 and assert together were about
// 15 ms of every start of the live screen, which needs none of them to draw its first frame.
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
const namespace = 'lazy-builtin';

/**
 * The module a `require` or `import` of one of `names` gets in the bundle: an object with
 * the real module's export names (as the building Node has them), each a getter that loads
 * the real module on first use. Calls, classes and constants read through it as before;
 * only destructuring at load time would load the module at once.
 */
export function lazyBuiltins(names) {
	const filter = new RegExp(`^(node:)?(${names.map(name => name.replace(/[/]/g, '\\/')).join('|')})$`);
	return {
		name: namespace,
		setup(build) {
			build.onResolve({filter}, args => args.namespace === namespace
				? {path: args.path, external: true}
				: {path: args.path.replace(/^node:/, ''), namespace});
			build.onLoad({filter: /.*/, namespace}, args => {
				const keys = Object.keys(require(`node:${args.path}`));
				return {
					loader: 'js',
					contents: `let real;
const load = () => real ??= require(${JSON.stringify(`node:${args.path}`)});
for (const key of ${JSON.stringify(keys)}) {
	Object.defineProperty(module.exports, key, {enumerable: true, get: () => load()[key], set: value => { load()[key] = value; }});
}`,
				};
			});
		},
	};
}
