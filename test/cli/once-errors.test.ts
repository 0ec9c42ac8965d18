import assert from 'node:assert/strict';
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, before, describe, it} from 'node:test';
import {startScenarioServer} from '../routeros/helpers.js';
import {startTestServer} from '../sim/helpers/test-server.js';
import {runCli, type CliResult} from './helpers.js';

/*
 * `pccmon HOST --once` tried as a new user would: against a stopped router, with a wrong
 * password, with a read-only account, against a port that is not RouterOS. Each failure is
 * one line on stderr with exit code 2, nothing on stdout, no stack trace, no password.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let directory = '';
before(() => {
	directory = mkdtempSync(join(tmpdir(), 'pccmon-once-'));
});
after(() => rmSync(directory, {recursive: true, force: true}));

function assertOneLineFailure(result: CliResult, pattern: RegExp): void {
	assert.equal(result.code, 2, result.stderr);
	assert.equal(result.stdout, '');
	const lines = result.stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, result.stderr);
	assert.match(lines[0], /^pccmon: /);
	assert.match(lines[0], pattern);
	assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

describe('pccmon HOST --once: failures', () => {
	it('a stopped router: refused, enable the API service', async () => {
		const test = await startTestServer();
		await test.server.close();
		const result = await runCli([`127.0.0.1:${test.port}`, '--once']);
		assertOneLineFailure(result, /refused the connection: is the API service enabled\? \/ip service enable api$/);
	});

	it('a wrong password: login refused, and the password appears nowhere', async () => {
		const test = await startTestServer();
		cleanups.push(() => test.server.close());
		const result = await runCli([`127.0.0.1:${test.port}`, '--once', '--json'], {PCCMON_PASSWORD: 'Tr0ub4dor&3'});
		assertOneLineFailure(result, /refused the login of user "admin"/);
		assert.doesNotMatch(result.stderr + result.stdout, /Tr0ub4dor/);
	});

	it('a port that is not RouterOS (a web server): says so and where the API listens', async () => {
		const http = createHttpServer((_request, response) => response.end('hello'));
		await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
		cleanups.push(() => new Promise(resolve => http.close(resolve)));
		const result = await runCli([`127.0.0.1:${(http.address() as {port: number}).port}`, '--once']);
		assertOneLineFailure(result, /is not a RouterOS API: it answered like a web server/);
	});

	it('an unreadable password file: one line, exit 2', async () => {
		const result = await runCli(['127.0.0.1:1', '--once', '--password-file', join(directory, 'missing')]);
		assertOneLineFailure(result, /cannot read the password file .*missing \(no such file\)/);
	});

	it('a bad address: one line, exit 2', async () => {
		const result = await runCli(['127.0.0.1:99999', '--once']);
		assertOneLineFailure(result, /"99999" in "127\.0\.0\.1:99999" is not a port/);
	});
});

describe('pccmon HOST --once: accounts and password files', () => {
	it('a read-only account is enough for a report', async () => {
		const sim = await startScenarioServer('two-wan', [{name: 'monitor', password: 'look', group: 'read'}]);
		cleanups.push(() => sim.server.close());
		const passwordFile = join(directory, 'monitor-pass');
		writeFileSync(passwordFile, 'look\n', {mode: 0o600});
		const result = await runCli([`127.0.0.1:${sim.port}`, '--user', 'monitor', '--password-file', passwordFile, '--once', '--json']);
		assert.notEqual(result.code, 2, result.stderr);
		assert.equal(result.stderr, '');
		assert.equal(JSON.parse(result.stdout).router.identity, 'pcc-two-wan');
	});

	it('warns when the password file can be read by others, and still uses it', async () => {
		const sim = await startScenarioServer('two-wan', [{name: 'monitor', password: 'look', group: 'read'}]);
		cleanups.push(() => sim.server.close());
		const passwordFile = join(directory, 'open-pass');
		writeFileSync(passwordFile, 'look\n');
		chmodSync(passwordFile, 0o644);
		const result = await runCli([`127.0.0.1:${sim.port}`, '--user', 'monitor', '--password-file', passwordFile, '--once', '--json']);
		assert.notEqual(result.code, 2, result.stderr);
		assert.match(result.stderr, /^pccmon: warning: .*open-pass can be read by other users; chmod 600 /);
		assert.doesNotMatch(result.stderr, /look/);
	});
});
