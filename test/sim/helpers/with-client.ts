import {connectRouter, type RouterConnection} from '../../../source/routeros/client.js';
import {startSim, type SimHandle, type SimOptions} from '../../../source/sim/index.js';

/** A simulated router and pccmon's client logged in to it, both closed after `body`. */
export async function withSimClient(options: SimOptions, body: (sim: SimHandle, api: RouterConnection) => Promise<void>): Promise<void> {
	const sim = await startSim(options);
	const api = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
	try {
		await body(sim, api);
	} finally {
		await api.close();
		await sim.close();
	}
}
