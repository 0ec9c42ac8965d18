import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {RouterOSAPI} from 'node-routeros';
import {RawClient} from './helpers/raw-client.js';
import {startTestServer} from './helpers/test-server.js';

/** A throwaway self-signed certificate for localhost and 127.0.0.1, or why there is none. */
function makeCertificate(): {cert: string; key: string} | string {
	const dir = mkdtempSync(join(tmpdir(), 'pccmon-tls-'));
	try {
		const result = spawnSync('openssl', [
			'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
			'-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
			'-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
		], {encoding: 'utf8', timeout: 30_000});
		if (result.error) return `openssl is not available (${result.error.message})`;
		if (result.status !== 0) return `openssl failed: ${result.stderr.trim().split('\n')[0]}`;
		return {cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8')};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

const certificate = makeCertificate();
const skip = typeof certificate === 'string' ? `skipped: ${certificate}` : false;

describe('api-ssl', {skip}, () => {
	const pem = certificate as {cert: string; key: string};
	let sim: Awaited<ReturnType<typeof startTestServer>>;

	before(async () => {
		sim = await startTestServer({tls: pem});
	});
	after(async () => {
		await sim.server.close();
	});

	it('lets node-routeros log in over TLS, verifying the certificate', async () => {
		const api = new RouterOSAPI({
			host: '127.0.0.1', port: sim.port, user: 'writer', password: 'w', keepalive: false, timeout: 5,
			tls: {ca: pem.cert},
		});
		api.on('error', () => {});
		await api.connect();
		assert.deepEqual(await api.write(['/test/echo']), [{user: 'writer/write'}]);
		await api.close();
	});

	it('copies tags over TLS exactly as over plain TCP', async () => {
		const client = await RawClient.connect(sim.port, {tls: {ca: pem.cert}});
		await client.login();
		client.send('/test/empty', '.tag=e');
		assert.deepEqual(await client.reply('e'), [['!empty', '.tag=e'], ['!done', '.tag=e']]);
		await client.close();
	});

	it('survives a client that is not speaking TLS, serving the next one', async () => {
		const plain = await RawClient.connect(sim.port);
		plain.send('/login', '=name=admin', '=password=');
		await plain.closed;
		const client = await RawClient.connect(sim.port, {tls: {rejectUnauthorized: false}});
		await client.login();
		await client.close();
		assert.deepEqual(sim.errors, []);
	});

	it('resets a TLS connection mid-reply when asked', async () => {
		const client = await RawClient.connect(sim.port, {tls: {ca: pem.cert}});
		await client.login();
		await sim.server.faults.set({resetMidReply: 0});
		try {
			client.send('/test/add', '.tag=r');
			await client.closed;
			assert.equal(client.socketError?.code, 'ECONNRESET');
		} finally {
			await sim.server.faults.clear();
		}
	});
});

describe('api-ssl without a certificate', () => {
	it('offers anonymous Diffie-Hellman, which node-routeros reaches only when told to', async () => {
		const sim = await startTestServer({tls: {anonymous: true}});
		try {
			const refused = new RouterOSAPI({host: '127.0.0.1', port: sim.port, user: 'admin', password: '', keepalive: false, timeout: 5, tls: {}});
			refused.on('error', () => {});
			await assert.rejects(refused.connect());
			const api = new RouterOSAPI({
				host: '127.0.0.1', port: sim.port, user: 'admin', password: '', keepalive: false, timeout: 5,
				tls: {ciphers: 'ADH-AES256-GCM-SHA384:@SECLEVEL=0', rejectUnauthorized: false},
			});
			api.on('error', () => {});
			await api.connect();
			assert.deepEqual(await api.write(['/test/echo']), [{user: 'admin/full'}]);
			await api.close();
		} finally {
			await sim.server.close();
		}
	});
});
