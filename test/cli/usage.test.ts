import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {runCli} from './helpers.js';

const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

function assertOneLineUsageError(result: {code: number | null; stdout: string; stderr: string}, pattern: RegExp) {
	assert.equal(result.code, 2);
	const lines = result.stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, `expected one line, got:\n${result.stderr}`);
	assert.match(lines[0], pattern);
	assert.doesNotMatch(result.stderr, /\bat .*\.js:\d+/, 'no stack trace');
}

test('--version prints the package version', async () => {
	const result = await runCli(['--version']);
	assert.equal(result.code, 0);
	assert.equal(result.stdout.trim(), version);
});

test('--help shows usage with examples', async () => {
	const result = await runCli(['--help']);
	assert.equal(result.code, 0);
	assert.match(result.stdout, /Usage/);
	assert.match(result.stdout, /Examples/);
	assert.match(result.stdout, /pccmon 192\.168\.88\.1/);
});

test('an unknown option is one line with exit code 2', async () => {
	assertOneLineUsageError(await runCli(['192.168.88.1', '--colour']), /unknown option --colour.*--help/);
});

test('a plain --password flag is refused without echoing the password', async () => {
	const result = await runCli(['192.168.88.1', '--password', 'hunter2']);
	assertOneLineUsageError(result, /PCCMON_PASSWORD|--password-file/);
	assert.doesNotMatch(result.stderr + result.stdout, /hunter2/);
});

test('a bad port or interval says what is allowed', async () => {
	assertOneLineUsageError(await runCli(['192.168.88.1', '--port', 'http']), /--port takes a whole number/);
	assertOneLineUsageError(await runCli(['192.168.88.1', '--port', '70000']), /--port must be 0 to 65535/);
	assertOneLineUsageError(await runCli(['192.168.88.1', '--interval', '0.1']), /at least 0\.5/);
});

test('no router address asks for one', async () => {
	assertOneLineUsageError(await runCli([]), /router address.*--demo/);
});

test('an unknown action names the valid ones', async () => {
	assertOneLineUsageError(await runCli(['192.168.88.1', 'reboot']), /unknown action "reboot".*flush or weights/);
});
