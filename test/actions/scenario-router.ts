import assert from 'node:assert/strict';
import type {ActionSession} from '../../source/actions/session.js';
import {connectRouter, type RouterConnection} from '../../source/routeros/client.js';
import {readConfig} from '../../source/routeros/reads.js';
import {UserStore, defaultAdmin} from '../../source/sim/model/users.js';
import {syncAccounts} from '../../source/sim/menus/users.js';
import {SimRouter} from '../../source/sim/router.js';
import {loadRsc} from '../../source/sim/rsc/load.js';
import {parseRsc} from '../../source/sim/rsc/parse.js';
import {scenario} from '../../source/sim/scenarios/index.js';
import {createApiServer, type ApiServer} from '../../source/sim/server.js';
import {MemoryConnTrack} from '../sim/helpers/memory-conntrack.js';

export interface ScenarioRouter {
	router: SimRouter;
	server: ApiServer;
	conntrack: MemoryConnTrack;
	port: number;
	/** Logs in as `user` (admin, or monitor in group read). */
	connect(user?: 'admin' | 'monitor'): Promise<RouterConnection>;
	context(api: RouterConnection): ActionSession;
	close(): Promise<void>;
}

/** A scenario's router, its configuration only (no traffic), served on loopback. */
export async function scenarioRouter(name: string): Promise<ScenarioRouter> {
	const definition = scenario(name);
	assert.ok(definition, `scenario ${name}`);
	const conntrack = new MemoryConnTrack();
	const router = new SimRouter({version: definition.version, conntrack, now: () => Date.UTC(2025, 0, 15)});
	loadRsc(router, parseRsc(definition.rsc));
	const users = new UserStore([defaultAdmin, {name: 'monitor', password: 'watch', group: 'read'}]);
	syncAccounts(router, users);
	const server = createApiServer({executor: router.executor, version: router.version, users});
	const {port} = await server.listen(0, '127.0.0.1');
	const opened: RouterConnection[] = [];
	const connect = async (user: 'admin' | 'monitor' = 'admin') => {
		const api = await connectRouter({host: '127.0.0.1', port, user, password: user === 'admin' ? '' : 'watch'});
		opened.push(api);
		return api;
	};
	return {
		router,
		server,
		conntrack,
		port,
		connect,
		context: api => ({router: api, readConfig, reconnect: () => connect()}),
		close: async () => {
			for (const api of opened) await api.close().catch(() => undefined);
			await server.close();
		},
	};
}
