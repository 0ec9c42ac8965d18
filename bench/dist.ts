/**
 * The bench measures what ships: the compiled modules in dist/ (`npm run bench` builds them
 * first), not the TypeScript sources run through a loader. Types come from the sources.
 */

const dist = new URL('../dist/', import.meta.url);

async function load<T>(path: string): Promise<T> {
	return (await import(new URL(path, dist).href)) as T;
}

export type SimModule = typeof import('../source/sim/index.js');

export function loadSim(): Promise<SimModule> {
	return load<SimModule>('sim/index.js');
}

export interface Pccmon {
	connectRouter: typeof import('../source/routeros/client.js').connectRouter;
	routerSource: typeof import('../source/monitor/source.js').routerSource;
	discover: typeof import('../source/pcc/discover.js').discover;
	countedMarks: typeof import('../source/pcc/live.js').countedMarks;
	flushMark: typeof import('../source/actions/flush.js').flushMark;
}

export async function loadPccmon(): Promise<Pccmon> {
	const [client, source, discover, live, flush] = await Promise.all([
		load<typeof import('../source/routeros/client.js')>('routeros/client.js'),
		load<typeof import('../source/monitor/source.js')>('monitor/source.js'),
		load<typeof import('../source/pcc/discover.js')>('pcc/discover.js'),
		load<typeof import('../source/pcc/live.js')>('pcc/live.js'),
		load<typeof import('../source/actions/flush.js')>('actions/flush.js'),
	]);
	return {
		connectRouter: client.connectRouter,
		routerSource: source.routerSource,
		discover: discover.discover,
		countedMarks: live.countedMarks,
		flushMark: flush.flushMark,
	};
}

/** The built command line, run as users run it. */
export const cliPath = new URL('cli.js', dist).pathname;
