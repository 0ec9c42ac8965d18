import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {RouterOSAPI} from 'node-routeros';
import {startSim, type SimHandle, type SimOptions} from '../../source/sim/index.js';
import {RawClient} from './helpers/raw-client.js';

/** The wire layer in front of the real command layer, as `pccmon sim` runs it. */
async function withSim(options: SimOptions, body: (sim: SimHandle) => Promise<void>): Promise<void> {
	const errors: unknown[] = [];
	const sim = await startSim({clock: 'manual', seed: 1, onError: error => errors.push(error), ...options});
	try {
		await body(sim);
		assert.deepEqual(errors, []);
	} finally {
		await sim.close();
	}
}

async function connectApi(sim: SimHandle, user = 'admin', password = ''): Promise<RouterOSAPI> {
	const api = new RouterOSAPI({host: sim.host, port: sim.port, user, password, keepalive: false, timeout: 5});
	api.on('error', () => {});
	await api.connect();
	return api;
}

describe('the API server with the real router behind it', () => {
	it('serves pipelined prints with proplist and stats to node-routeros', () =>
		withSim({scenario: 'two-wan'}, async sim => {
			const api = await connectApi(sim);
			const [identity, mangle, count] = await Promise.all([
				api.write(['/system/identity/print']),
				api.write(['/ip/firewall/mangle/print', '=stats=', '=.proplist=.id,chain,action,per-connection-classifier,bytes']),
				api.write(['/interface/print', '=count-only=']),
			]);
			assert.equal(typeof identity[0].name, 'string');
			assert.ok(mangle.some(rule => /both-addresses-and-ports:2\/[01]/.test(rule['per-connection-classifier'] ?? '')));
			assert.ok(mangle.every(rule => /^\*[0-9A-F]+$/.test(rule['.id']) && 'bytes' in rule));
			assert.match(count[0].ret, /^\d+$/);
			await api.close();
		}));

	it('logs node-routeros in through the MD5 challenge on a RouterOS 6 router', () =>
		withSim({scenario: 'routeros6', users: [{name: 'ops', password: 'secret', group: 'full'}]}, async sim => {
			const api = await connectApi(sim, 'ops', 'secret');
			const resource = await api.write(['/system/resource/print']);
			assert.match(resource[0].version, /^6\./);
			await api.close();
		}));

	it('lets a read-only account read but not change, on a connection that stays usable', () =>
		withSim({users: [{name: 'viewer', password: 'v', group: 'read'}]}, async sim => {
			const api = await connectApi(sim, 'viewer', 'v');
			await assert.rejects(api.write(['/ip/firewall/address-list/add', '=list=x', '=address=192.0.2.1']), /not enough permissions \(9\)/);
			assert.ok((await api.write(['/ip/address/print'])).length > 0);
			await api.close();
		}));

	it('tags !empty and !done on 7.18 and later, and sends only !done before', async () => {
		for (const [routeros, expected] of [
			['7.18', [['!empty', '.tag=e'], ['!done', '.tag=e']]],
			['7.17', [['!done', '.tag=e']]],
		] as const) {
			await withSim({scenario: 'two-wan', routeros}, async sim => {
				const client = await RawClient.connect(sim.port);
				await client.login();
				client.send('/ip/address/print', '?address=198.51.100.254/32', '.tag=e');
				assert.deepEqual(await client.reply('e'), expected);
				await client.close();
			});
		}
	});

	it('streams a listen while other commands complete, and cancels it', () =>
		withSim({scenario: 'two-wan'}, async sim => {
			const client = await RawClient.connect(sim.port);
			await client.login();
			client.send('/ip/firewall/address-list/listen', '.tag=L');
			client.send('/ip/firewall/address-list/add', '=list=probe', '=address=192.0.2.7', '.tag=A');
			const added = await client.reply('A');
			const row = added.find(sentence => sentence.includes('.tag=L'));
			assert.ok(row?.includes('=address=192.0.2.7'), `listen saw the add: ${JSON.stringify(added)}`);
			const ret = added.at(-1)?.find(word => word.startsWith('=ret='));
			assert.match(ret ?? '', /^=ret=\*[0-9A-F]+$/);
			client.send('/cancel', '=tag=L', '.tag=C');
			assert.deepEqual(await client.reply('C'), [
				['!trap', '=category=2', '=message=interrupted', '.tag=L'],
				['!done', '.tag=L'],
				['!done', '.tag=C'],
			]);
			await client.close();
		}));

	it('answers unknown paths with RouterOS\'s two traps, tagged', () =>
		withSim({}, async sim => {
			const client = await RawClient.connect(sim.port);
			await client.login();
			client.send('/nonsense/print', '.tag=u');
			const reply = await client.reply('u');
			assert.deepEqual(reply.map(sentence => sentence[0]), ['!trap', '!trap', '!done']);
			assert.ok(reply.every(sentence => sentence.at(-1) === '.tag=u'));
			await client.close();
		}));
});
