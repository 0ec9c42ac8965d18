import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {render} from 'ink-testing-library';
import {createElement} from 'react';
import type {MonitorState} from '../../source/monitor/state.js';
import type {ConnectOptions} from '../../source/routeros/types.js';
import type {FaultOptions} from '../../source/sim/faults.js';
import {startSim, type SimHandle} from '../../source/sim/index.js';
import {dataAge, Header, linkText} from '../../source/ui/Header.js';
import {activeResources, resourcesBack, startMonitor, type Monitor} from './monitor-harness.js';

/*
 * The live monitor's loop (reconnecting session, poller, store) against the simulated
 * router misbehaving in each of its ways. For every fault: the monitor stays up, its state
 * says what is wrong (reconnecting with the attempt number, or the failed poll) and never
 * shows the link as plainly live meanwhile, no data arrives that the router did not send,
 * it recovers by itself once the fault clears, and it leaves no socket or timer behind.
 */

interface Run {
	sim: SimHandle;
	monitor: Monitor;
	live: MonitorState;
}

const freshLive = (since: number) => (state: MonitorState) =>
	state.link.kind === 'live' && state.lastError === null && state.snapshot !== null && state.snapshot.at > since;

const inTrouble = (state: MonitorState) => state.link.kind !== 'live' || state.lastError !== null;

async function withMonitor(body: (run: Run) => Promise<void>, extra: Partial<ConnectOptions> = {}, scanRate = 0): Promise<void> {
	const before = activeResources();
	const sim = await startSim({scenario: 'two-wan', clock: 'manual', seed: 11, scanRate});
	const monitor = startMonitor(sim, undefined, extra);
	try {
		const live = await monitor.until(freshLive(0), 'a first live snapshot');
		assert.deepEqual(live.wans.map(wan => wan.name), ['wan1', 'wan2']);
		await body({sim, monitor, live});
	} finally {
		await monitor.stop();
		await sim.close();
	}
	// The server side of the monitor's socket may still be closing: wait for it, boundedly.
	for (let turn = 0; turn < 1000 && sim.server.connections > 0; turn++) await new Promise(resolve => setImmediate(resolve));
	assert.equal(sim.server.connections, 0, 'no API session left on the router');
	assert.deepEqual(await resourcesBack(before), before, 'no socket or timer left behind');
}

/** Checks what the header would say in trouble: not `● live` in the good tone. */
function assertNotShownLive(state: MonitorState, what: string): void {
	const link = linkText(state);
	assert.notEqual(link.tone, 'good', `${what}: header says "${link.text}"`);
	if (state.link.kind === 'reconnecting') {
		assert.ok(state.link.attempt >= 1);
		assert.match(link.text, new RegExp(`reconnecting ${state.link.attempt}`));
	}
}

/** Faults that lose the data: the link goes down or the poll fails, until they clear. */
const losing: Array<[string, FaultOptions, RegExp]> = [
	['drop mid-reply', {dropMidReply: 2}, /closed the connection/],
	['TCP reset mid-reply', {resetMidReply: 2}, /reset the connection|closed the connection/],
	['stall', {stall: true}, /did not answer|timed out|timeout/i],
	['garbage bytes', {garbage: true}, /not a RouterOS API/],
	['oversized word', {oversizedWord: true}, /not a RouterOS API/],
	['port closed', {closed: true}, /refused|closed|reset/],
];

describe('the monitor under faults that lose the data', () => {
	for (const [name, faults, reason] of losing) {
		it(`${name}: says so, shows nothing new, recovers when it clears`, {timeout: 60_000}, () => withMonitor(async ({sim, monitor}) => {
			await sim.faults.set(faults);
			const setAt = Date.now();
			const trouble = await monitor.until(inTrouble, `trouble under ${name}`);
			assertNotShownLive(trouble, name);
			const said = trouble.link.kind === 'reconnecting' ? trouble.link.error : trouble.lastError?.message ?? '';
			assert.match(said, reason);
			// A poll under way when the fault came may still land; none may after the trouble showed.
			const lastGood = trouble.snapshot;
			const retried = await monitor.until(
				state => state.link.kind === 'reconnecting' && state.link.attempt >= 2 || state.events.filter(event => /connection lost/.test(event.text)).length >= 2,
				`a second try under ${name}`,
			);
			assert.equal(retried.snapshot, lastGood, 'no data while the fault holds');
			assert.ok(retried.events.some(event => event.kind === 'link' && /^connection lost \(.+\); reconnecting/.test(event.text)), 'the events say the link was lost');

			await sim.faults.clear();
			const clearedAt = Date.now();
			const back = await monitor.until(freshLive(clearedAt), `recovery after ${name}`);
			assert.equal(linkText(back).text, '● live');
			assert.ok(back.events.some(event => /^reconnected after \d+ attempts?$/.test(event.text)), back.events.map(event => event.text).join('\n'));
			assert.ok(setAt <= clearedAt);
		}));
	}

	it('login refused after a reboot: keeps trying with a growing attempt number, gets in once logins work', {timeout: 60_000}, () => withMonitor(async ({sim, monitor}) => {
		await sim.faults.set({refuseLogin: true});
		await sim.restart(20);
		const trouble = await monitor.until(
			state => state.link.kind === 'reconnecting' && state.link.attempt >= 3 && /refused the login of user "admin"/.test(state.link.error),
			'three tries, the last with its login refused',
		);
		assertNotShownLive(trouble, 'login refused');
		await sim.faults.clear();
		await monitor.until(freshLive(Date.now()), 'recovery after login refused');
	}));

	it('a stall makes the data STALE in the header, not live', {timeout: 60_000}, () => withMonitor(async ({sim, monitor, live}) => {
		await sim.faults.set({stall: true});
		const trouble = await monitor.until(inTrouble, 'the stall noticed');
		// Judge the header well past the staleness threshold of the data it holds.
		const later = live.snapshot!.at + 2 * trouble.intervalMs + 1500;
		assert.equal(dataAge(trouble, later).stale, true);
		const view = render(createElement(Header, {state: trouble, width: 120, now: later}));
		try {
			const text = view.lastFrame() ?? '';
			assert.match(text, /STALE/);
			assert.match(text, /reconnecting \d|last poll failed/, 'says what is wrong');
		} finally {
			view.unmount();
		}
		await sim.faults.clear();
		await monitor.until(freshLive(Date.now()), 'recovery after the stall');
	}));
});

describe('the monitor under faults it gets through', () => {
	it('!fatal: the session ends, the monitor reconnects by itself', {timeout: 60_000}, () => withMonitor(async ({sim, monitor}) => {
		await sim.faults.set({fatal: 'too many sessions'});
		const trouble = await monitor.until(state => state.link.kind === 'reconnecting', 'the !fatal noticed');
		assertNotShownLive(trouble, '!fatal');
		assert.match((trouble.link as {error: string}).error, /too many sessions/);
		const back = await monitor.until(freshLive(Date.now()), 'recovery after !fatal');
		assert.ok(back.events.some(event => /^reconnected after \d+ attempts?$/.test(event.text)));
	}));

	// Slow counts are counted every few polls, beside them: the old table's must not outlive a reconnect.
	for (const [what, scanRate] of [['', 0], [', on a router whose counts are slow', 20_000]] as const) {
		it(`a reboot (fresh connection table)${what}: reconnects, re-reads the configuration, counts restart from the new table`, {timeout: 60_000}, () => withMonitor(async ({sim, monitor, live}) => {
			const before = live.wans.reduce((sum, wan) => sum + wan.connections, 0);
			assert.ok(before > 0, 'connections before the reboot');
			if (scanRate > 0) await monitor.until(state => (state.snapshot?.counting.everyMs ?? 0) > state.intervalMs, 'counts spaced out');
			await sim.restart(150);
			const trouble = await monitor.until(state => state.link.kind === 'reconnecting', 'the reboot noticed');
			assertNotShownLive(trouble, 'reboot');
			const back = await monitor.until(freshLive(Date.now()), 'recovery after the reboot');
			for (const wan of back.wans) {
				const mark = back.snapshot!.topology.wans.find(found => found.name === wan.name)!.connectionMark;
				assert.equal(wan.connections, sim.engine.conntrack.countByMark(mark), `${wan.name}: the rebooted router's count`);
			}
			assert.ok(back.wans.reduce((sum, wan) => sum + wan.connections, 0) < before, 'the old connections are gone');
		}, {}, scanRate));
	}

	for (const [name, faults] of [
		['one- to three-byte writes', {tinyWrites: 3}],
		['delayed terminators', {delayTerminator: 15}],
		['slow replies', {slowReplies: 120}],
	] as Array<[string, FaultOptions]>) {
		// Nothing here may time out: the compressed 2 s command timeout is for the faults that
		// lose the data, and a test machine busy with other tests can hold a reply up that long.
		it(`${name}: stays live, data keeps coming`, {timeout: 60_000}, () => withMonitor(async ({sim, monitor}) => {
			await sim.faults.set(faults);
			const since = Date.now();
			const from = monitor.seen.length;
			const fresh = new Set<unknown>();
			const state = await monitor.until(current => {
				if (freshLive(since)(current)) fresh.add(current.snapshot);
				return fresh.size >= 3;
			}, `three snapshots under ${name}`);
			assert.equal(linkText(state).text, '● live');
			assert.ok(monitor.seen.slice(from).every(seen => seen.link.kind === 'live' && seen.lastError === null), 'never dropped the link nor failed a poll');
			if (faults.slowReplies) assert.ok(state.snapshot!.rttMs >= faults.slowReplies, `rtt ${state.snapshot!.rttMs} ms shows the delay`);
		}, {commandTimeoutMs: 15_000}));
	}
});
