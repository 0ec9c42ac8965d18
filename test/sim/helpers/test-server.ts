import {createApiServer, type ApiServer, type ApiServerOptions} from '../../../source/sim/server.js';
import {UserStore} from '../../../source/sim/model/users.js';
import {parseVersion} from '../../../source/sim/model/version.js';
import {TestExecutor} from './test-executor.js';

export interface TestServer {
	server: ApiServer;
	port: number;
	executor: TestExecutor;
	/** Failures inside the simulator; a passing test expects none. */
	errors: unknown[];
}

/**
 * Starts an API server on 127.0.0.1 port 0 with the test executor and accounts
 * admin/'' (full), writer/w (write) and reader/r (read). Close it with `server.close()`.
 */
export async function startTestServer(
	options: Partial<ApiServerOptions> & {routeros?: string} = {},
): Promise<TestServer> {
	const executor = new TestExecutor();
	const errors: unknown[] = [];
	const server = createApiServer({
		executor,
		version: parseVersion(options.routeros ?? '7.18')!,
		users: new UserStore([
			{name: 'admin', password: '', group: 'full'},
			{name: 'writer', password: 'w', group: 'write'},
			{name: 'reader', password: 'r', group: 'read'},
		]),
		onError: error => errors.push(error),
		...options,
	});
	const {port} = await server.listen(0, '127.0.0.1');
	return {server, port, executor, errors};
}
