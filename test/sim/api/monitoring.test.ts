import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {connectRouter, type RouterConnection} from '../../../source/routeros/client.js';
import {RouterError} from '../../../source/routeros/types.js';
import {startSim, type SimHandle} from '../../../source/sim/index.js';
import {RawClient} from '../helpers/raw-client.js';

/**
 * What monitoring tools read on every router, asked through the client adapter (and a raw
 * client where the exact sentences matter): installed packages, health, CPUs, who is logged
 * in, the empty menus of things not set up, the monitor commands, torch and user accounts.
 */

async function withSim(scenario: string, body: (sim: SimHandle, connect: (user?: string, password?: string) => Promise<RouterConnection>) => Promise<void>) {
	const sim = await startSim({scenario, clock: 'manual', seed: 5, connections: 200, rate: 20});
	const open: RouterConnection[] = [];
	const connect = async (user = 'admin', password = '') => {
		const api = await connectRouter({host: sim.host, port: sim.port, user, password});
		open.push(api);
		return api;
	};
	try {
		await body(sim, connect);
	} finally {
		await Promise.all(open.map(api => api.close()));
		await sim.close();
	}
}

describe('monitoring menus', () => {
	it('RouterOS 7: packages, update channel, health, CPUs, and empty menus where nothing is set up', () =>
		withSim('two-wan', async (_sim, connect) => {
			const api = await connect();
			const packages = await api.print('/system/package');
			assert.deepEqual(packages.map(row => [row.name, row.version, row.disabled]), [['routeros', '7.18.2', 'false']]);
			assert.match(packages[0]['build-time'], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
			const [update] = await api.print('/system/package/update');
			assert.deepEqual(update, {channel: 'stable', 'installed-version': '7.18.2'});
			const health = await api.print('/system/health');
			assert.deepEqual(health.map(row => [row.name, row.type]), [['voltage', 'V'], ['temperature', 'C']]);
			assert.ok(health.every(row => /^\d+(\.\d+)?$/.test(row.value)));
			const cpus = await api.print('/system/resource/cpu');
			assert.deepEqual(cpus.map(row => row.cpu), ['cpu0', 'cpu1', 'cpu2', 'cpu3']);
			assert.ok(cpus.every(row => /^\d+$/.test(row.load) && row.irq === '0'));
			for (const path of ['/ip/neighbor', '/ip/pool/used', '/ppp/active', '/ip/proxy/access']) {
				assert.deepEqual(await api.print(path), [], path);
			}
			await api.add('/ip/proxy/access', {'dst-host': ':example\\.invalid', action: 'deny'});
			assert.deepEqual((await api.print('/ip/proxy/access', {proplist: ['dst-host', 'action', 'hits']})), [{'dst-host': ':example\\.invalid', action: 'deny', hits: '0'}]);
		}));

	it('an empty monitoring menu answers !empty then !done on 7.18', () =>
		withSim('two-wan', async sim => {
			const client = await RawClient.connect(sim.port);
			await client.login();
			client.send('/ppp/active/print', '.tag=p');
			assert.deepEqual(await client.reply('p'), [['!empty', '.tag=p'], ['!done', '.tag=p']]);
			await client.close();
		}));

	it('RouterOS 6: a bundle and its packages; health is one row of readings', () =>
		withSim('routeros6', async (_sim, connect) => {
			const api = await connect();
			const names = (await api.print('/system/package')).map(row => row.name);
			assert.equal(names[0], 'routeros-mmips');
			assert.ok(names.includes('system') && names.includes('dhcp') && names.includes('ppp'));
			const health = await api.print('/system/health');
			assert.equal(health.length, 1);
			assert.match(health[0].voltage, /^\d+(\.\d+)?$/);
		}));

	it('/user/active lists each API session while it lasts', () =>
		withSim('two-wan', async (sim, connect) => {
			const api = await connect();
			const other = await connectRouter({host: sim.host, port: sim.port, user: 'admin', password: ''});
			const active = await api.print('/user/active');
			assert.equal(active.length, 2);
			assert.ok(active.every(row => row.name === 'admin' && row.via === 'api' && row.address === '127.0.0.1'));
			assert.match(active[0].when, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
			await other.close();
			// The router notices the closed connection shortly after the client has gone.
			for (let tries = 0; tries < 50 && (await api.print('/user/active')).length !== 1; tries++) {
				await new Promise(resolve => setImmediate(resolve));
			}
			assert.equal((await api.print('/user/active')).length, 1);
		}));
});

describe('monitor commands', () => {
	it('/interface/ethernet/monitor =once= tells link state, rate and duplex per port', () =>
		withSim('two-wan', async (_sim, connect) => {
			const api = await connect();
			await api.run('/interface/ethernet/disable', {numbers: 'ether5'});
			const rows = await api.run('/interface/ethernet/monitor', {numbers: 'ether1,ether5', once: ''});
			assert.equal(rows.length, 2);
			assert.deepEqual(
				{name: rows[0].name, status: rows[0].status, rate: rows[0].rate, 'full-duplex': rows[0]['full-duplex'], auto: rows[0]['auto-negotiation']},
				{name: 'ether1', status: 'link-ok', rate: '1Gbps', 'full-duplex': 'true', auto: 'done'},
			);
			assert.deepEqual(rows[1], {name: 'ether5', status: 'no-link'});
			await assert.rejects(api.run('/interface/ethernet/monitor', {numbers: 'ether99', once: ''}), (error: RouterError) => error.routerMessage === 'no such item');
		}));

	it('/interface/monitor-traffic =once= gives the rates the interface carries', () =>
		withSim('two-wan', async (sim, connect) => {
			const api = await connect();
			sim.step(5000);
			const [wan] = await api.run('/interface/monitor-traffic', {interface: 'ether1', once: ''});
			assert.equal(wan.name, 'ether1');
			assert.ok(Number(wan['tx-bits-per-second']) > 0, `tx ${wan['tx-bits-per-second']}`);
			assert.ok(Number(wan['rx-bits-per-second']) > Number(wan['tx-bits-per-second']), 'downloads outweigh requests');
			assert.ok(Number(wan['rx-packets-per-second']) > 0);
			const [idle] = await api.run('/interface/monitor-traffic', {interface: 'ether5', once: ''});
			assert.equal(idle['rx-bits-per-second'], '0');
		}));

	it('/system/resource/cpu/print answers per CPU', () =>
		withSim('two-wan', async (_sim, connect) => {
			const api = await connect();
			const rows = await api.run('/system/resource/cpu/print');
			assert.equal(rows.length, 4);
		}));

	it('/tool/torch streams a section per round until /cancel; monitor without =once= streams too', () =>
		withSim('two-wan', async sim => {
			sim.step(3000);
			const client = await RawClient.connect(sim.port, {timeoutMs: 10_000});
			await client.login();
			client.send('/tool/torch', '=interface=ether1', '=src-address=0.0.0.0/0', '.tag=t');
			const sections = new Set<string>();
			const rows: string[][] = [];
			while (sections.size < 2) {
				const sentence = await client.next();
				assert.equal(sentence[0], '!re', sentence.join(' '));
				rows.push(sentence);
				sections.add(sentence.find(word => word.startsWith('=.section='))!);
			}
			assert.deepEqual([...sections], ['=.section=0', '=.section=1']);
			const first = rows[0];
			assert.ok(first.some(word => /^=src-address=192\.168\.88\.\d+$/.test(word)), first.join(' '));
			assert.ok(first.some(word => /^=tx=[1-9]\d*$/.test(word)), first.join(' '));
			client.send('/cancel', '=tag=t', '.tag=c');
			const rest = await client.reply('t');
			assert.deepEqual(rest.slice(-2), [['!trap', '=category=2', '=message=interrupted', '.tag=t'], ['!done', '.tag=t']]);
			assert.deepEqual(await client.reply('c'), [['!done', '.tag=c']]);

			client.send('/interface/ethernet/monitor', '=numbers=ether2', '.tag=m');
			const seen = [await client.next(), await client.next()];
			assert.ok(seen.every(sentence => sentence[0] === '!re' && sentence.includes('=name=ether2') && sentence.includes('.tag=m')));
			client.send('/cancel', '=tag=m');
			const end = await client.reply('m');
			assert.deepEqual(end.at(-1), ['!done', '.tag=m']);
			await client.close();
		}));
});

describe('user accounts', () => {
	it('/user/add makes an account that logs in with its group\'s rights; set and remove follow', () =>
		withSim('two-wan', async (sim, connect) => {
			const admin = await connect();
			await admin.add('/user', {name: 'ops', group: 'read', password: 's3cret'});
			const [ops] = await admin.print('/user', {query: ['name=ops']});
			assert.equal(ops.group, 'read');
			assert.ok(!('password' in ops), 'passwords are never printed');

			const reader = await connect('ops', 's3cret');
			assert.ok((await reader.print('/ip/address')).length > 0);
			await assert.rejects(reader.add('/ip/address', {address: '192.0.2.9/24', interface: 'ether5'}), (error: RouterError) => error.kind === 'permission');

			await admin.set('/user', ops['.id'], {group: 'write'});
			const writer = await connect('ops', 's3cret');
			assert.match(await writer.add('/ip/address', {address: '192.0.2.9/24', interface: 'ether5'}), /^\*/);
			await assert.rejects(writer.add('/user', {name: 'eve', group: 'full'}), (error: RouterError) => error.kind === 'permission');

			// A group of one's own: its policies decide.
			await admin.add('/user/group', {name: 'watchers', policy: 'read,api,test,!write,!policy'});
			await admin.set('/user', ops['.id'], {group: 'watchers'});
			const watcher = await connect('ops', 's3cret');
			await assert.rejects(watcher.add('/ip/address', {address: '192.0.2.10/24', interface: 'ether5'}), (error: RouterError) => error.kind === 'permission');
			const sessions = await admin.print('/user/active', {query: ['name=ops']});
			assert.ok(sessions.some(row => row.group === 'watchers'), JSON.stringify(sessions));

			// Disabled, or in a group without the api policy, an account may not log in.
			const refused = (error: RouterError) => error.kind === 'login';
			await admin.run('/user/disable', {numbers: 'ops'});
			await assert.rejects(connectRouter({host: sim.host, port: sim.port, user: 'ops', password: 's3cret'}), refused);
			await admin.run('/user/enable', {numbers: 'ops'});
			assert.ok((await (await connect('ops', 's3cret')).print('/system/identity')).length === 1);
			await admin.set('/user/group', 'watchers', {policy: 'read,winbox'});
			await assert.rejects(connectRouter({host: sim.host, port: sim.port, user: 'ops', password: 's3cret'}), refused);
			const [listed] = await admin.print('/user', {query: ['name=ops']});
			assert.equal(listed.group, 'watchers', 'still listed, in its group');

			await assert.rejects(admin.add('/user', {name: 'x', group: 'nobody'}), (error: RouterError) => error.routerMessage === 'input does not match any value of group');
			await assert.rejects(admin.remove('/user/group', ['full']), (error: RouterError) => /builtin/.test(error.routerMessage ?? ''));

			await admin.remove('/user', [ops['.id']]);
			await assert.rejects(connectRouter({host: sim.host, port: sim.port, user: 'ops', password: 's3cret'}), (error: RouterError) => error.kind === 'login');
		}));
});
