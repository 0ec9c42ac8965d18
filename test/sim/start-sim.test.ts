import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {connect} from 'node:net';
import {fileURLToPath} from 'node:url';
import {RouterOSAPI} from 'node-routeros';
import '../../patches/node-routeros.js';
import {startSim, type SimHandle, type SimOptions} from '../../source/sim/index.js';
import {defaultAdmin} from '../../source/sim/model/users.js';

async function withSim(options: SimOptions, body: (sim: SimHandle) => Promise<void>): Promise<void> {
	const sim = await startSim({clock: 'manual', ...options});
	try {
		await body(sim);
	} finally {
		await sim.close();
	}
}

async function login(sim: SimHandle, user = 'admin', password = ''): Promise<RouterOSAPI> {
	const api = new RouterOSAPI({host: sim.host, port: sim.port, user, password, keepalive: false, timeout: 5});
	api.on('error', () => {});
	await api.connect();
	return api;
}

async function manglePackets(api: RouterOSAPI): Promise<number> {
	const rows = await api.write(['/ip/firewall/mangle/print', '=stats=']);
	assert.ok(rows.length > 0, 'the scenario has mangle rules');
	return rows.reduce((sum, row) => sum + Number(row.packets), 0);
}

describe('startSim', () => {
	it('serves the default scenario on a free loopback port; mangle counters move as the clock is stepped', () =>
		withSim({}, async sim => {
			assert.equal(sim.host, '127.0.0.1');
			assert.ok(sim.port > 0);
			assert.equal(sim.scenario, 'failover');
			assert.deepEqual(sim.warnings, []);
			const api = await login(sim);
			try {
				const [identity] = await api.write(['/system/identity/print']);
				assert.equal(identity.name, 'pcc-failover');
				const before = await manglePackets(api);
				sim.step(5000);
				const after = await manglePackets(api);
				assert.ok(after > before, `mangle packets moved: ${before} -> ${after}`);
			} finally {
				await api.close();
			}
		}));

	it('has admin with an empty password by default, and extra accounts with their groups', async () => {
		await withSim({}, async sim => {
			await assert.rejects(login(sim, 'monitor', 'watch'));
			const api = await login(sim);
			await api.close();
		});
		const monitor = {name: 'monitor', password: 'watch', group: 'read' as const};
		await withSim({users: [defaultAdmin, monitor]}, async sim => {
			const api = await login(sim, 'monitor', 'watch');
			try {
				assert.ok((await api.write(['/ip/firewall/mangle/print'])).length > 0);
				await assert.rejects(
					api.write(['/ip/firewall/mangle/add', '=chain=prerouting', '=action=accept']),
					/not enough permissions \(9\)/,
				);
			} finally {
				await api.close();
			}
		});
	});

	it('lists its accounts in /user and the built-in groups in /user/group, as RouterOS 7 prints them', async () => {
		const monitor = {name: 'monitor', password: 'watch', group: 'read' as const};
		await withSim({users: [defaultAdmin, monitor]}, async sim => {
			const api = await login(sim, 'monitor', 'watch');
			try {
				const users = await api.write(['/user/print', '=.proplist=name,group']);
				assert.deepEqual(users, [{name: 'admin', group: 'full'}, {name: 'monitor', group: 'read'}]);
				assert.ok(!(await api.write(['/user/print'])).some(row => 'password' in row), 'no password is ever shown');
				const [read] = await api.write(['/user/group/print', '?name=read']);
				assert.equal(read.policy, 'local,telnet,ssh,reboot,read,test,winbox,password,web,sniff,sensitive,api,romon,rest-api,!ftp,!write,!policy');
				assert.equal(read.skin, 'default');
				const groups = await api.write(['/user/group/print', '=.proplist=name']);
				assert.deepEqual(groups.map(row => row.name), ['read', 'write', 'full']);
			} finally {
				await api.close();
			}
		});
	});

	it('runs an export given as text, with the lines the router refused as warnings', () =>
		withSim({
			rsc: [
				'/ip address add address=203.0.113.2/24 interface=ether1',
				'/ip firewall mangle',
				'add chain=prerouting action=mark-connection new-connection-mark=a per-connection-classifier=both-addresses:4/0,1',
				'add chain=prerouting action=mark-connection new-connection-mark=b per-connection-classifier=both-addresses:4/2',
			].join('\n'),
			routeros: '7.16',
		}, async sim => {
			assert.equal(sim.scenario, undefined);
			assert.equal(sim.version, '7.16');
			assert.equal(sim.warnings.length, 1);
			assert.equal(sim.warnings[0].line, 3);
			assert.match(sim.warnings[0].message, /per-connection-classifier/);
			const api = await login(sim);
			try {
				const rows = await api.write(['/ip/firewall/mangle/print']);
				assert.deepEqual(rows.map(row => row['new-connection-mark']), ['b']);
				const [resource] = await api.write(['/system/resource/print']);
				assert.match(resource.version, /^7\.16/);
			} finally {
				await api.close();
			}
		}));

	it('reads an export from a file, and names it as the source of its warnings', async () => {
		const file = fileURLToPath(new URL('../fixtures/seeds/seed-000-three-wan.rsc', import.meta.url));
		await withSim({rscFile: file}, async sim => {
			assert.equal(sim.source, file);
			assert.equal(sim.warnings.length, 3);
			const api = await login(sim);
			assert.equal((await api.write(['/ip/firewall/nat/print'])).length, 3, 'the lines it took are running');
			await api.close();
		});
		await withSim({}, async sim => assert.equal(sim.source, 'scenario failover'));
		await assert.rejects(startSim({rscFile: '/nonexistent/router.rsc', clock: 'manual'}), /ENOENT/);
	});

	it('acts as the RouterOS version asked for: a 6.42 router logs in with the MD5 challenge', () =>
		withSim({scenario: 'routeros6', routeros: '6.42.12'}, async sim => {
			assert.equal(sim.version, '6.42.12');
			const api = await login(sim);
			try {
				const [resource] = await api.write(['/system/resource/print']);
				assert.match(resource.version, /^6\.42\.12/);
				assert.ok((await api.write(['/ip/route/print', '?routing-mark=to_WAN1'])).length > 0);
			} finally {
				await api.close();
			}
		}));

	it('restart drops API connections and counters, then serves again', () =>
		withSim({scenario: 'two-wan'}, async sim => {
			const api = await login(sim);
			sim.step(10_000);
			const before = await manglePackets(api);
			const closed = new Promise<void>(resolve => api.once('close', () => resolve()));
			await sim.restart(10);
			await closed;
			const again = await login(sim);
			try {
				assert.ok(await manglePackets(again) < before, 'counters start again from zero after a reboot');
			} finally {
				await again.close();
			}
		}));

	it('/system/reboot answers !done, drops the connection, and the router comes back fresh', () =>
		withSim({scenario: 'two-wan', connections: 300, users: [defaultAdmin, {name: 'monitor', password: 'watch', group: 'read'}]}, async sim => {
			const wired = sim.router.onRebootRequest;
			let back: Promise<void> | undefined;
			const requested = new Promise<void>(resolve => {
				sim.router.onRebootRequest = () => {
					back = Promise.resolve(wired());
					resolve();
					return back;
				};
			});
			const api = await login(sim, 'monitor', 'watch');
			sim.step(60_000);
			const before = await manglePackets(api);
			const closed = new Promise<void>(resolve => api.once('close', () => resolve()));
			assert.deepEqual(await api.write(['/system/reboot']), [], 'a read account may reboot: the read group has the reboot policy');
			await closed;
			await requested;
			await back;
			const again = await login(sim);
			try {
				const [resource] = await again.write(['/system/resource/print']);
				assert.equal(resource.uptime, '0s');
				assert.ok(await manglePackets(again) < before, 'rule counters start again from zero');
			} finally {
				await again.close();
			}
		}));

	it('the same seed gives the same run; another seed another', async () => {
		const run = async (seed: number) => {
			const sim = await startSim({scenario: 'three-wan-weighted', clock: 'manual', seed});
			try {
				sim.step(20_000);
				const marks = ['wan1_conn', 'wan2_conn', 'wan3_conn'].map(mark => sim.router.conntrack.countByMark(mark));
				const packets = sim.router.rows('/ip/firewall/mangle').map(item => item.packets ?? 0);
				return JSON.stringify({marks, packets});
			} finally {
				await sim.close();
			}
		};
		assert.equal(await run(11), await run(11));
		assert.notEqual(await run(11), await run(12));
	});

	it('close frees the port', async () => {
		const sim = await startSim({clock: 'manual', scenario: 'two-wan'});
		await sim.close();
		await new Promise<void>((resolve, reject) => {
			const socket = connect(sim.port, sim.host);
			socket.once('connect', () => {
				socket.destroy();
				reject(new Error('still listening after close'));
			});
			socket.once('error', () => resolve());
		});
	});

	it('an unknown scenario is refused with the names there are', async () => {
		await assert.rejects(startSim({scenario: 'nope', clock: 'manual'}), /unknown scenario "nope"; use one of: failover, two-wan/);
	});
});
