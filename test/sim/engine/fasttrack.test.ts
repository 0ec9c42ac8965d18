import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {RouterConnection} from '../../../source/routeros/client.js';
import type {SimHandle} from '../../../source/sim/index.js';
import {withSimClient} from '../helpers/with-client.js';

/**
 * Fasttrack, as most routers' default configuration has it, against the two-WAN PCC
 * scenario, through the client adapter: what an engineer sees in counters and connections.
 * ether1 is WAN1 (table main's default route), ether2 is WAN2.
 */

const fasttrackRule = {chain: 'forward', action: 'fasttrack-connection', 'connection-state': 'established,related'};

const withTwoWan = (body: (sim: SimHandle, api: RouterConnection) => Promise<void>) =>
	withSimClient({scenario: 'two-wan', clock: 'manual', seed: 11, connections: 300, rate: 40}, body);

interface Sample {
	tx: Record<string, number>;
	/** Packets of the mangle rule that gives WAN2's connections their routing mark. */
	routeWan2: number;
}

async function sample(api: RouterConnection): Promise<Sample> {
	const interfaces = await api.print('/interface', {proplist: ['name', 'tx-byte']});
	const [route] = await api.print('/ip/firewall/mangle', {stats: true, query: ['comment=Route WAN2 traffic']});
	return {
		tx: Object.fromEntries(interfaces.map(row => [row.name, Number(row['tx-byte'])])),
		routeWan2: Number(route.packets),
	};
}

/** What moved while the simulated clock ran `ms`. */
async function during(sim: SimHandle, api: RouterConnection, ms: number): Promise<Sample> {
	const before = await sample(api);
	sim.step(ms);
	const after = await sample(api);
	return {
		tx: Object.fromEntries(Object.entries(after.tx).map(([name, bytes]) => [name, bytes - (before.tx[name] ?? 0)])),
		routeWan2: after.routeWan2 - before.routeWan2,
	};
}

function wan2Share(moved: Sample): number {
	return moved.tx.ether2 / (moved.tx.ether1 + moved.tx.ether2);
}

describe('fasttrack', () => {
	it('takes established connections off the slow path: mangle stops seeing them and they leave by table main', () =>
		withTwoWan(async (sim, api) => {
			const baseline = await during(sim, api, 20_000);
			assert.ok(wan2Share(baseline) > 0.3, `PCC spreads traffic before fasttrack: WAN2 ${wan2Share(baseline)}`);

			const rule = await api.add('/ip/firewall/filter', fasttrackRule);
			sim.step(1000);
			const moved = await during(sim, api, 20_000);
			assert.ok(wan2Share(moved) < 0.05, `with fasttrack almost nothing leaves by WAN2: ${wan2Share(moved)}`);
			assert.ok(moved.routeWan2 < baseline.routeWan2 / 10, `mark-routing counts only first packets: ${moved.routeWan2} vs ${baseline.routeWan2}`);

			const fast = await api.count('/ip/firewall/connection', ['fasttrack=yes']);
			assert.ok(fast > 100, `connections flagged fasttrack: ${fast}`);
			// WAN2's connections were masqueraded to WAN2's address; out by WAN1, nothing comes back.
			const wan2 = await api.print('/ip/firewall/connection', {query: ['connection-mark=wan2_conn', 'fasttrack=true', 'seen-reply=yes']});
			assert.ok(wan2.length > 0, 'fasttracked WAN2 connections that had replies');
			assert.ok(wan2.every(row => row['repl-rate'] === '0'), 'fasttracked WAN2 connections get no replies');
			assert.ok(wan2.some(row => Number(row['orig-fasttrack-packets']) > 0), 'their packets count as fasttracked');
			const [counted] = await api.print('/ip/firewall/filter', {stats: true, query: [`.id=${rule}`]});
			assert.ok(Number(counted.packets) > 0, 'the fasttrack rule counts the packets that started the fast path');
		}));

	it('excluded with connection-mark=no-mark, PCC connections stay on the slow path and keep their WAN', () =>
		withTwoWan(async (sim, api) => {
			const baseline = await during(sim, api, 20_000);
			await api.add('/ip/firewall/filter', {...fasttrackRule, 'connection-mark': 'no-mark'});
			sim.step(1000);
			const moved = await during(sim, api, 20_000);
			assert.ok(Math.abs(wan2Share(moved) - wan2Share(baseline)) < 0.1, `WAN2 keeps its share: ${wan2Share(moved)} vs ${wan2Share(baseline)}`);
			assert.ok(moved.routeWan2 > baseline.routeWan2 / 2, `mark-routing still sees every packet: ${moved.routeWan2}`);
			assert.equal(await api.count('/ip/firewall/connection', ['connection-mark', 'fasttrack=yes', '#&']), 0);
		}));

	it('while a fasttrack rule exists, the filter list opens with the dynamic row counting the fast path', () =>
		withTwoWan(async (sim, api) => {
			const head = async () => (await api.print('/ip/firewall/filter', {stats: true}))[0];
			assert.notEqual((await head())?.comment, 'special dummy rule to show fasttrack counters', 'no such row without fasttrack');

			const rule = await api.add('/ip/firewall/filter', fasttrackRule);
			const accept = await api.add('/ip/firewall/filter', {chain: 'forward', action: 'accept', 'connection-state': 'established,related'});
			const dummy = await head();
			assert.equal(dummy.comment, 'special dummy rule to show fasttrack counters');
			assert.deepEqual([dummy.chain, dummy.action, dummy.dynamic], ['forward', 'passthrough', 'true']);
			assert.equal(await api.count('/ip/firewall/filter', ['dynamic=yes']), 1);

			sim.step(1000);
			const before = Number((await head()).bytes);
			const moved = await during(sim, api, 20_000);
			const counted = Number((await head()).bytes) - before;
			// Forwarded traffic leaves by some interface, requests by the WANs and replies by the LAN.
			const sent = Object.values(moved.tx).reduce((sum, bytes) => sum + bytes, 0);
			assert.ok(counted > 0.5 * sent && counted < 1.5 * sent, `the fast path's ${counted} bytes against ${sent} sent`);

			await assert.rejects(api.set('/ip/firewall/filter', dummy['.id'], {comment: 'mine'}), /can not change dynamic/);
			await assert.rejects(api.remove('/ip/firewall/filter', [dummy['.id']]), /can not remove dynamic/);
			await assert.rejects(api.move('/ip/firewall/filter', [accept], dummy['.id']), /cannot move builtin/);
			assert.deepEqual((await api.print('/ip/firewall/filter')).slice(1).map(row => row['.id']), [rule, accept], 'the refused move moved nothing');

			await api.set('/ip/firewall/filter', rule, {disabled: 'yes'});
			assert.equal(await api.count('/ip/firewall/filter', ['dynamic=yes']), 0, 'gone with the last enabled fasttrack rule');
			await api.set('/ip/firewall/filter', rule, {disabled: 'no'});
			assert.equal((await head()).comment, 'special dummy rule to show fasttrack counters', 'back first in the list');
		}));
});
