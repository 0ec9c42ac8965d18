import {readFile} from 'node:fs/promises';
import type {RouterConfig} from '../../source/pcc/types.js';
import {readConfig} from '../../source/routeros/reads.js';
import {RouterError, type RouterApi} from '../../source/routeros/types.js';
import {ConnectionTable} from '../../source/sim/engine/conntrack.js';
import {SimRouter} from '../../source/sim/router.js';
import {loadRsc, type LoadResult} from '../../source/sim/rsc/load.js';
import {parseRsc} from '../../source/sim/rsc/parse.js';
import {versionFor} from '../../source/sim/rsc/version.js';

/**
 * Read-only RouterApi over a router's own command executor, in-process: the same commands
 * pccmon sends, without the wire. Anything but a read is a mistake in the test.
 */
function inProcessApi(router: SimRouter): RouterApi {
	const run = (command: string, attributes: Record<string, string>, queries: string[] = []) => {
		const result = router.run(command, attributes, {queries});
		if (result.traps.length > 0) throw new RouterError('trap', result.traps[0], result.traps[0]);
		return result;
	};
	const readOnly = (): never => {
		throw new Error('config-from-rsc reads only');
	};
	return {
		host: 'in-process',
		user: 'admin',
		async print(path, options = {}) {
			const attributes: Record<string, string> = {};
			if (options.stats) attributes.stats = '';
			if (options.detail) attributes.detail = '';
			if (options.proplist) attributes['.proplist'] = options.proplist.join(',');
			return run(`${path}/print`, attributes, options.query).rows;
		},
		async count(path, query) {
			return Number(run(`${path}/print`, {'count-only': ''}, query).ret ?? 0);
		},
		add: readOnly,
		set: readOnly,
		remove: readOnly,
		move: readOnly,
		async run(command, attributes = {}) {
			return run(command, attributes).rows;
		},
		async close() {},
	};
}

/**
 * Loads an export into a simulated router (as /import would, the router validating every
 * command) and reads it back the way pccmon reads a real router.
 */
export async function configFromRsc(text: string, routeros?: string): Promise<{config: RouterConfig; load: LoadResult}> {
	const script = parseRsc(text);
	const {version} = versionFor(script, routeros);
	// The board the header names, with its ports, as `--rsc` builds it.
	const router = new SimRouter({version, conntrack: new ConnectionTable(), now: () => Date.UTC(2025, 0, 15), model: script.model});
	const load = loadRsc(router, script);
	return {config: await readConfig(inProcessApi(router)), load};
}

export async function configFromFixture(name: string): Promise<{config: RouterConfig; load: LoadResult}> {
	return configFromRsc(await readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
}
