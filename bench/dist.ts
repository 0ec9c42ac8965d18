/**
 * The bench measures the build, not the TypeScript sources run through a loader: the
 * command users run (dist/cli.js and its bundle) for the terminal and start-up figures, and
 * for the poll, flush and simulator figures the modules they need, bundled as the shipped
 * program is (scripts/bundle-bench.mjs; `npm run bench` builds both first). Types come from
 * the sources.
 */

type Measured = typeof import('./measured.js');

const measuredBundle = new URL('../.tmp/bench/measured.mjs', import.meta.url);

function measured(): Promise<Measured> {
	return import(measuredBundle.href) as Promise<Measured>;
}

export type SimModule = Measured['sim'];

export async function loadSim(): Promise<SimModule> {
	return (await measured()).sim;
}

export interface Pccmon {
	connectRouter: Measured['connectRouter'];
	routerSource: Measured['routerSource'];
	discover: Measured['discover'];
	countedMarks: Measured['countedMarks'];
	flushMark: Measured['flushMark'];
}

export async function loadPccmon(): Promise<Pccmon> {
	const {connectRouter, routerSource, discover, countedMarks, flushMark} = await measured();
	return {connectRouter, routerSource, discover, countedMarks, flushMark};
}

/** The built command line, run as users run it. */
export const cliPath = new URL('../dist/cli.js', import.meta.url).pathname;
