import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {runCli} from '../cli/helpers.js';

/*
 * Bad command lines the usage tests do not already cover: each is one line on stderr that
 * says what to do, exit code 2, no stack trace, and nothing tried on the network first.
 */
const dir = await mkdtemp(join(tmpdir(), 'pccmon-badinput-'));
after(() => rm(dir, {recursive: true, force: true}));

const cases: Array<[string, string[]]> = [
	['a host with spaces', ['bad host name', '--once']],
	['an unclosed IPv6 bracket', ['[::1', '--once']],
	['a port past 65535', ['127.0.0.1:70000', '--once']],
	['a port that is not a number', ['127.0.0.1', '--port', 'abc', '--once']],
	['two different ports', ['127.0.0.1:8728', '--port', '8729', '--once']],
	['a password file that is a directory', ['127.0.0.1', '--once', '--password-file', dir]],
	['a password file that is missing', ['127.0.0.1', '--once', '--password-file', join(dir, 'missing')]],
	['a CA file that is missing', ['127.0.0.1', '--once', '--tls', '--ca', join(dir, 'missing.pem')]],
	['a fingerprint that is not SHA-256', ['127.0.0.1', '--once', '--fingerprint', 'zz:11']],
	['an interval below the minimum', ['127.0.0.1', '--interval', '0.1']],
	['an interval that is not a number', ['127.0.0.1', '--interval', 'soon']],
	['an unknown flag', ['127.0.0.1', '--frobnicate']],
];

describe('bad command lines', () => {
	for (const [name, args] of cases) {
		it(`${name}: one line, exit 2`, {timeout: 20_000}, async () => {
			const result = await runCli(args, {PCCMON_PASSWORD: 'x'});
			assert.equal(result.code, 2, `exit ${result.code}: ${result.stderr}`);
			const lines = result.stderr.trimEnd().split('\n');
			assert.equal(lines.length, 1, result.stderr);
			assert.match(lines[0], /^pccmon: /);
			assert.doesNotMatch(result.stderr, /\bat .*:\d+:\d+/, 'no stack trace');
			assert.equal(result.stdout, '');
		});
	}
});
