import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {backoffDelay, RouterSession, type SessionState} from '../../source/routeros/session.js';
import type {ConnectOptions} from '../../source/routeros/types.js';
import {startTestServer, type TestServer} from '../sim/helpers/test-server.js';
import {rejection} from './helpers.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sim(): Promise<TestServer> {
	const test = await startTestServer();
	cleanups.push(() => test.server.close());
	return test;
}

function open(test: TestServer, more: Partial<ConnectOptions> = {}): {session: RouterSession; states: SessionState[]} {
	const session = new RouterSession(
		{host: '127.0.0.1', port: test.port, user: 'admin', password: '', connectTimeoutMs: 1000, ...more},
		{initialDelayMs: 10, maxDelayMs: 40},
	);
	const states: SessionState[] = [session.state];
	session.onState(state => states.push(state));
	cleanups.push(() => session.close());
	return {session, states};
}

/** Resolves with the first state (from now on) that passes `test`. */
function stateWhere(session: RouterSession, test: (state: SessionState) => boolean): Promise<SessionState> {
	return new Promise(resolve => {
		const unsubscribe = session.onState(state => {
			if (test(state)) {
				unsubscribe();
				resolve(state);
			}
		});
	});
}

describe('backoffDelay', () => {
	it('doubles from the initial delay up to the cap, with jitter between half and all of it', () => {
		const options = {initialDelayMs: 500, maxDelayMs: 10_000};
		assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(attempt => backoffDelay(attempt, {...options, random: () => 1})), [500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
		assert.deepEqual([1, 6].map(attempt => backoffDelay(attempt, {...options, random: () => 0})), [250, 5000]);
	});
});

describe('RouterSession', () => {
	it('connects, and after a router reboot reconnects by itself', {timeout: 10_000}, async () => {
		const test = await sim();
		const {session, states} = open(test);
		const first = await session.ready();
		assert.equal((await first.run('/test/print')).length, 3);

		const backLive = stateWhere(session, state => state.status === 'live');
		await test.server.restart(50);
		await backLive;
		const again = session.api();
		assert.ok(again && again !== first);
		assert.equal((await again.run('/test/print')).length, 3);
		const reconnecting = states.find(state => state.status === 'reconnecting');
		assert.ok(reconnecting?.status === 'reconnecting');
		assert.equal(reconnecting.attempt, 1);
		assert.equal(reconnecting.error.kind, 'disconnected');
	});

	it('keeps trying while the router refuses logins after a reboot, and recovers when it stops', {timeout: 10_000}, async () => {
		const test = await sim();
		const {session} = open(test);
		await session.ready();
		await test.server.faults.set({refuseLogin: true});
		const thirdAttempt = stateWhere(session, state => state.status === 'reconnecting' && state.attempt >= 3);
		await test.server.restart(10);
		const state = await thirdAttempt;
		assert.ok(state.status === 'reconnecting' && state.error.kind === 'login');
		const live = stateWhere(session, next => next.status === 'live');
		await test.server.faults.clear('refuseLogin');
		await live;
	});

	it('gives up at once on a wrong password before it was ever connected', {timeout: 10_000}, async () => {
		const test = await sim();
		const {session} = open(test, {user: 'reader', password: 'wrong'});
		await assert.rejects(session.ready(), {kind: 'login'});
		assert.equal(session.state.status, 'failed');
	});

	it('gives up at once on a name that does not resolve, instead of retrying a typo forever', {timeout: 15_000}, async () => {
		// `.invalid` is reserved (RFC 2606): no resolver answers it, on any network.
		const session = new RouterSession(
			{host: 'pccmon-test.invalid', user: 'admin', password: '', connectTimeoutMs: 10_000},
			{initialDelayMs: 10, maxDelayMs: 40},
		);
		cleanups.push(() => session.close());
		await assert.rejects(session.ready(), {kind: 'unresolved', message: /cannot resolve pccmon-test\.invalid/});
		assert.equal(session.state.status, 'failed');
	});

	it('fails the command in flight when the link drops, and does not retry it', {timeout: 10_000}, async () => {
		const test = await sim();
		const {session} = open(test);
		const api = await session.ready();
		const before = test.executor.requests.filter(request => request.command === '/test/hang').length;
		const hanging = rejection(api.run('/test/hang'));
		await api.run('/test/print'); // sent after /test/hang: once answered, the router has the hang
		const live = stateWhere(session, state => state.status === 'live');
		await test.server.restart(10);
		assert.equal((await hanging).kind, 'disconnected');
		await live;
		assert.equal(test.executor.requests.filter(request => request.command === '/test/hang').length, before + 1);
	});

	it('close() ends the session and its connection', {timeout: 10_000}, async () => {
		const test = await sim();
		const {session} = open(test);
		await session.ready();
		await session.close();
		assert.equal(session.state.status, 'closed');
		assert.equal(session.api(), undefined);
	});
});

describe('RouterSession under flapping', () => {
	it('after 20 router reboots and close(), leaves no socket or timer behind', {timeout: 30_000}, async () => {
		const before = process.getActiveResourcesInfo().filter(kind => kind !== 'TTYWrap');
		const test = await startTestServer();
		const session = new RouterSession({host: '127.0.0.1', port: test.port, user: 'admin', password: ''}, {initialDelayMs: 5, maxDelayMs: 20});
		await session.ready();
		for (let flap = 0; flap < 20; flap++) {
			const live = stateWhere(session, state => state.status === 'live');
			await test.server.restart(5);
			await live;
			assert.equal((await session.api()!.run('/test/print')).length, 3);
		}
		await session.close();
		await test.server.close();
		const after = process.getActiveResourcesInfo().filter(kind => kind !== 'TTYWrap');
		assert.deepEqual(after.sort(), before.sort());
	});
});
