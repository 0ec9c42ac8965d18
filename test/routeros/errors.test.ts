import assert from 'node:assert/strict';
import {createServer as createHttpServer} from 'node:http';
import type {TlsOptions} from 'node:tls';
import {afterEach, before, describe, it} from 'node:test';
import {connectRouter} from '../../source/routeros/client.js';
import {connectFailure} from '../../source/routeros/errors.js';
import type {ConnectOptions, RouterError} from '../../source/routeros/types.js';
import {createApiServer} from '../../source/sim/server.js';
import {UserStore} from '../../source/sim/model/users.js';
import {parseVersion} from '../../source/sim/model/version.js';
import {makeRouter} from '../sim/helpers/sim-router.js';
import {startTestServer} from '../sim/helpers/test-server.js';
import {acceptEverything, makeCertificate, rejection, startRawServer} from './helpers.js';

/*
 * Every way connecting or using a router can fail ends in one line that says what to do.
 * Each line is checked against a real failure on loopback.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function options(port: number, more: Partial<ConnectOptions> = {}): ConnectOptions {
	return {host: '127.0.0.1', port, user: 'admin', password: '', connectTimeoutMs: 2000, ...more};
}

async function failure(more: ConnectOptions): Promise<RouterError> {
	const error = await rejection(connectRouter(more));
	assert.equal(error.name, 'RouterError');
	assert.doesNotMatch(error.message, /\n/, 'one line');
	return error;
}

describe('connect failures', () => {
	it('a stopped router: refused, is the API service enabled?', async () => {
		const test = await startTestServer();
		await test.server.close();
		const error = await failure(options(test.port));
		assert.equal(error.kind, 'refused');
		assert.equal(error.message, `127.0.0.1:${test.port} refused the connection: is the API service enabled? /ip service enable api`);
	});

	it('a wrong password: login, without echoing the password', async () => {
		const test = await startTestServer();
		cleanups.push(() => test.server.close());
		const error = await failure(options(test.port, {user: 'reader', password: 'hunter2'}));
		assert.equal(error.kind, 'login');
		assert.match(error.message, /refused the login of user "reader".*wrong user name or password/);
		assert.doesNotMatch(error.message, /hunter2/);
	});

	it('a router refusing every login: login', async () => {
		const test = await startTestServer({faults: {refuseLogin: true}});
		cleanups.push(() => test.server.close());
		assert.equal((await failure(options(test.port))).kind, 'login');
	});

	it('an HTTP server on the port: not a RouterOS API, it answered like a web server', async () => {
		const http = createHttpServer((_request, response) => response.end('hello'));
		await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
		cleanups.push(() => new Promise(resolve => http.close(resolve)));
		const port = (http.address() as {port: number}).port;
		const error = await failure(options(port));
		assert.equal(error.kind, 'not-routeros');
		assert.match(error.message, /is not a RouterOS API: it answered like a web server; the API listens on 8728/);
	});

	it('a port that accepts but never answers: timeout during login', async () => {
		const silent = await startRawServer(() => undefined);
		cleanups.push(() => silent.close());
		const error = await failure(options(silent.port, {connectTimeoutMs: 200}));
		assert.equal(error.kind, 'timeout');
		assert.match(error.message, /accepted the connection but did not answer the login within 0\.2 s/);
	});

	it('a peer that hangs up during login: disconnected, check /ip service', async () => {
		const rude = await startRawServer((_words, socket) => {
			socket.end();
		});
		cleanups.push(() => rude.close());
		const error = await failure(options(rude.port));
		assert.equal(error.kind, 'disconnected');
		assert.match(error.message, /dropped the connection during login: check \/ip service api/);
	});

	it('a router sending garbage: not a RouterOS API', async () => {
		const test = await startTestServer({faults: {garbage: true}});
		cleanups.push(() => test.server.close());
		assert.equal((await failure(options(test.port))).kind, 'not-routeros');
	});

	it('names unresolvable hosts and unreachable networks (as the OS reports them)', () => {
		const context = {host: 'router.example', port: 8728, user: 'admin', tls: false};
		assert.equal(connectFailure(context, 'tcp', {code: 'ENOTFOUND'}).message, 'cannot resolve router.example: check the name, or give the router\'s address');
		assert.equal(connectFailure(context, 'tcp', {code: 'EHOSTUNREACH'}).kind, 'unreachable');
		assert.equal(connectFailure(context, 'tcp', {code: 'ETIMEDOUT'}).kind, 'timeout');
	});
});

describe('permissions', () => {
	it('a read-only account making a change: permission, naming the write policy', async () => {
		const {router} = makeRouter('7.18');
		const server = createApiServer({
			executor: router.executor,
			version: parseVersion('7.18')!,
			users: new UserStore([{name: 'monitor', password: 'm', group: 'read'}]),
		});
		const {port} = await server.listen(0, '127.0.0.1');
		cleanups.push(() => server.close());
		const api = await connectRouter(options(port, {user: 'monitor', password: 'm'}));
		cleanups.push(() => api.close());
		assert.ok(Array.isArray(await api.print('/ip/firewall/mangle')), 'reading is allowed');
		const error = await rejection(api.add('/ip/firewall/mangle', {chain: 'prerouting', action: 'accept'}));
		assert.equal(error.kind, 'permission');
		assert.equal(error.routerMessage, 'not enough permissions (9)');
		assert.match(error.message, /user "monitor" may not run \/ip\/firewall\/mangle\/add .*needs the write policy/);
	});
});

describe('api-ssl', () => {
	let cert = '';
	let key = '';
	let fingerprint = '';
	let haveOpenssl = true;

	before(() => {
		const made = makeCertificate();
		haveOpenssl = made !== undefined;
		({cert, key, fingerprint} = made ?? {cert: '', key: '', fingerprint: ''});
	});

	async function tlsSim(): Promise<{port: number; logins: () => number}> {
		const test = await startTestServer({tls: {cert, key}});
		cleanups.push(() => test.server.close());
		return {port: test.port, logins: () => test.executor.requests.length};
	}

	it('rejects a self-signed certificate nobody vouched for, saying to use --ca or --fingerprint', async t => {
		if (!haveOpenssl) return t.skip('openssl is not installed; cannot make a certificate');
		const {port} = await tlsSim();
		const error = await failure(options(port, {tls: {}}));
		assert.equal(error.kind, 'tls');
		assert.match(error.message, /is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\): give the CA that signed it with --ca FILE, or pin .* --fingerprint/);
	});

	it('trusts the certificate given with --ca', async t => {
		if (!haveOpenssl) return t.skip('openssl is not installed; cannot make a certificate');
		const {port} = await tlsSim();
		const api = await connectRouter(options(port, {tls: {ca: cert}}));
		cleanups.push(() => api.close());
		assert.equal((await api.run('/test/print')).length, 3);
	});

	it('accepts a pinned fingerprint, in either spelling', async t => {
		if (!haveOpenssl) return t.skip('openssl is not installed; cannot make a certificate');
		const {port} = await tlsSim();
		for (const pin of [fingerprint, fingerprint.replaceAll(':', '').toLowerCase()]) {
			const api = await connectRouter(options(port, {tls: {fingerprint: pin}}));
			assert.equal((await api.run('/test/print')).length, 3);
			await api.close();
		}
	});

	it('refuses a certificate that does not match the pin, before sending the password', async t => {
		if (!haveOpenssl) return t.skip('openssl is not installed; cannot make a certificate');
		const raw = await startRawServer(acceptEverything, {cert, key});
		cleanups.push(() => raw.close());
		const error = await failure(options(raw.port, {password: 'secret', tls: {fingerprint: 'AA'.repeat(32)}}));
		assert.equal(error.kind, 'tls');
		assert.match(error.message, new RegExp(`has SHA-256 fingerprint ${fingerprint}, not the one given with --fingerprint`));
		assert.deepEqual(raw.sentences, [], 'the login never left');
	});

	it('connects with --insecure', async t => {
		if (!haveOpenssl) return t.skip('openssl is not installed; cannot make a certificate');
		const {port} = await tlsSim();
		const api = await connectRouter(options(port, {tls: {insecure: true}}));
		cleanups.push(() => api.close());
		assert.equal((await api.run('/test/print')).length, 3);
	});

	it('reaches a router without a certificate (anonymous DH) only with --insecure', async () => {
		const anonymous = await startRawServer(acceptEverything, {
			ciphers: 'ADH-AES256-GCM-SHA384:@SECLEVEL=0', maxVersion: 'TLSv1.2', dhparam: 'auto',
		} as TlsOptions);
		cleanups.push(() => anonymous.close());
		const error = await failure(options(anonymous.port, {tls: {}}));
		assert.equal(error.kind, 'tls');
		assert.match(error.message, /TLS handshake .* failed .*A router without one needs --insecure/);
		const api = await connectRouter(options(anonymous.port, {tls: {insecure: true}}));
		cleanups.push(() => api.close());
		assert.deepEqual(await api.run('/anything'), []);
	});

	it('a handshake that fails even with --insecure does not advise --insecure', async t => {
		if (!haveOpenssl) return t.skip('openssl is not installed; cannot make a certificate');
		// TLS 1.3 only: --insecure stops at TLS 1.2, so the handshake cannot finish.
		const modern = await startRawServer(acceptEverything, {cert, key, minVersion: 'TLSv1.3'});
		cleanups.push(() => modern.close());
		const error = await failure(options(modern.port, {tls: {insecure: true}}));
		assert.equal(error.kind, 'tls');
		assert.match(error.message, /TLS handshake with 127\.0\.0\.1:\d+ failed \(.+\) even with --insecure, .*is this the api-ssl port/);
		assert.doesNotMatch(error.message, /needs --insecure/);
	});

	it('speaking plain API to the api-ssl port says to add --tls', async t => {
		if (!haveOpenssl) return t.skip('openssl is not installed; cannot make a certificate');
		const {port} = await tlsSim();
		const error = await failure(options(port));
		assert.match(error.message, /add --tls if this is the api-ssl port/);
	});
});
