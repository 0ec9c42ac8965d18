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

test('--version and -v print the package version anywhere on the line', async () => {
	for (const args of [['--version'], ['-v'], ['--demo', '--version'], ['router.invalid', '-v']]) {
		const result = await runCli(args);
		assert.equal(result.code, 0, args.join(' '));
		assert.equal(result.stdout.trim(), version, args.join(' '));
	}
});

test('--help and -h show usage with examples anywhere on the line', async () => {
	for (const args of [['--help'], ['-h'], ['router.invalid', '--help'], ['sim', '--help'], ['--demo', 'flush', 'wan2', '-h']]) {
		const result = await runCli(args);
		assert.equal(result.code, 0, args.join(' '));
		assert.match(result.stdout, /Usage/);
		assert.match(result.stdout, /Examples/);
		assert.match(result.stdout, /pccmon 192\.168\.88\.1/);
	}
});

test('--help lists every flag pccmon takes', async () => {
	const {stdout} = await runCli(['--help']);
	const source = readFileSync(new URL('../../source/cli.tsx', import.meta.url), 'utf8');
	const specs = /const flagSpecs = \{([\s\S]*?)\n\} as const/.exec(source)![1];
	const names = [...specs.matchAll(/^\t(\w+): \{/gm)].map(match => match[1].replace(/[A-Z]/g, c => `-${c.toLowerCase()}`));
	assert.ok(names.includes('tls-cert') && names.includes('fault'), 'the flag list was read');
	for (const name of names.filter(name => name !== 'password' && name !== 'color')) {
		assert.match(stdout, new RegExp(`--${name}\\b`), `--help mentions --${name}`);
	}
	assert.match(stdout, /--no-color/);
});

test('an unknown option is one line with exit code 2', async () => {
	assertOneLineUsageError(await runCli(['router.invalid', '--colour']), /unknown option --colour.*--help/);
});

test('a plain --password flag is refused without echoing the password', async () => {
	const result = await runCli(['router.invalid', '--password', 'hunter2']);
	assertOneLineUsageError(result, /PCCMON_PASSWORD|--password-file/);
	assert.doesNotMatch(result.stderr + result.stdout, /hunter2/);
});

test('a bad port or interval says what is allowed', async () => {
	assertOneLineUsageError(await runCli(['router.invalid', '--port', 'http']), /--port takes a whole number/);
	assertOneLineUsageError(await runCli(['router.invalid', '--port', '70000']), /--port must be 0 to 65535/);
	assertOneLineUsageError(await runCli(['router.invalid', '--interval', '0.1']), /at least 0\.5/);
	assertOneLineUsageError(await runCli(['router.invalid', '--interval', 'abc']), /--interval takes a number of seconds.*"abc"/);
	assertOneLineUsageError(await runCli(['router.invalid', '--once', '--interval']), /--interval takes a number of seconds.*nothing/);
});

test('an action without a router says the address is missing', async () => {
	assertOneLineUsageError(await runCli(['flush', 'wan2']), /router address is missing: pccmon HOST flush/);
	assertOneLineUsageError(await runCli(['weights', 'wan1=2']), /router address is missing: pccmon HOST weights/);
});

test('--insecure without --tls says it only applies with --tls', async () => {
	assertOneLineUsageError(await runCli(['127.0.0.1:1', '--insecure', '--once']), /--insecure only applies with --tls/);
});

test('--json alone prints the JSON report, as with --once', async () => {
	const result = await runCli(['--demo', '--json']);
	assert.equal(result.code, 0);
	assert.equal(result.stderr, '', 'no note that it fell back to --once');
	assert.equal(JSON.parse(result.stdout).status, 'ok');
});

test('a name that does not resolve is said before any word about the password', async () => {
	const result = await runCli(['nonexistent.invalid', '--once'], {PCCMON_PASSWORD: 'x'});
	assertOneLineUsageError(result, /cannot resolve nonexistent\.invalid/);
});

test('no router address asks for one', async () => {
	assertOneLineUsageError(await runCli([]), /router address.*--demo/);
});

test('an unknown action names the valid ones', async () => {
	assertOneLineUsageError(await runCli(['router.invalid', 'reboot']), /unknown action "reboot".*flush or weights/);
});
