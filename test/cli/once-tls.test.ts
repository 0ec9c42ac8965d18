import assert from 'node:assert/strict';
import {writeFileSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, before, describe, it} from 'node:test';
import {startSim} from '../../source/sim/index.js';
import {makeCertificate, type Certificate} from '../routeros/helpers.js';
import {runCli} from './helpers.js';

/* `pccmon HOST --tls` end to end, against the simulator serving api-ssl with a self-signed certificate. */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let certificate: Certificate | undefined;
let directory = '';
before(() => {
	certificate = makeCertificate();
	directory = mkdtempSync(join(tmpdir(), 'pccmon-once-tls-'));
});
after(() => rmSync(directory, {recursive: true, force: true}));

async function tlsSim(): Promise<string> {
	const handle = await startSim({scenario: 'two-wan', clock: 'manual', tls: {cert: certificate!.cert, key: certificate!.key}});
	cleanups.push(() => handle.close());
	return `127.0.0.1:${handle.port}`;
}

describe('pccmon HOST --tls --once', () => {
	it('refuses a self-signed certificate with one line saying to use --ca or --fingerprint', async t => {
		if (!certificate) return t.skip('openssl is not installed; cannot make a certificate');
		const result = await runCli([await tlsSim(), '--tls', '--once']);
		assert.equal(result.code, 2);
		assert.equal(result.stdout, '');
		assert.match(result.stderr, /^pccmon: the certificate of 127\.0\.0\.1:\d+ is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\): give the CA that signed it with --ca FILE, or pin the router's certificate with --fingerprint SHA256\n$/);
	});

	it('reports through api-ssl with the certificate pinned or its CA given', async t => {
		if (!certificate) return t.skip('openssl is not installed; cannot make a certificate');
		const target = await tlsSim();
		const ca = join(directory, 'router-ca.pem');
		writeFileSync(ca, certificate.cert);
		for (const flags of [['--fingerprint', certificate.fingerprint], ['--ca', ca]]) {
			const result = await runCli([target, ...flags, '--once', '--json']);
			assert.equal(result.stderr, '', flags.join(' '));
			assert.equal(result.code, 0);
			assert.equal(JSON.parse(result.stdout).router.identity, 'pcc-two-wan');
		}
	});
});
