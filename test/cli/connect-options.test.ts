import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {connectOptionsFrom, isLoopback, parseTarget, type ConnectEnvironment} from '../../source/commands/connect-options.js';
import {UsageError, type CliOptions} from '../../source/commands/options.js';
import {RouterError} from '../../source/routeros/types.js';

function cli(more: Partial<CliOptions>): CliOptions {
	return {
		target: 'router.invalid', user: 'admin', tls: false, insecure: false, once: true, json: false, demo: false,
		intervalSeconds: 2, readOnly: false, color: false, yes: false, dryRun: false, stuck: false, undo: false,
		serve: {listen: '127.0.0.1:0', given: {tls: false}}, record: {enabled: false}, replay: {events: false},
		sim: {listen: '127.0.0.1', port: 0, user: 'admin', password: '', faults: []},
		...more,
	};
}

/** No terminal, the given environment, stderr captured, and a router that is always there. */
function io(env: NodeJS.ProcessEnv = {}, more: Partial<ConnectEnvironment> = {}): ConnectEnvironment & {written: () => string} {
	let text = '';
	return {
		env,
		stdin: {isTTY: false} as NodeJS.ReadStream,
		stderr: {write: (chunk: string) => (text += chunk)} as unknown as NodeJS.WriteStream,
		reach: async () => undefined,
		...more,
		written: () => text,
	};
}

describe('parseTarget', () => {
	it('reads HOST, HOST:PORT, [IPv6]:PORT and bare IPv6', () => {
		assert.deepEqual(parseTarget('192.168.88.1'), {host: '192.168.88.1', port: undefined});
		assert.deepEqual(parseTarget('router.lan:8729'), {host: 'router.lan', port: 8729});
		assert.deepEqual(parseTarget('[2001:db8::1]:8728'), {host: '2001:db8::1', port: 8728});
		assert.deepEqual(parseTarget('[fe80::1]'), {host: 'fe80::1', port: undefined});
		assert.deepEqual(parseTarget('2001:db8::1'), {host: '2001:db8::1', port: undefined});
		assert.deepEqual(parseTarget('10.0.0.1', 8730), {host: '10.0.0.1', port: 8730});
	});

	it('refuses bad ports, conflicting ports and unbracketed garbage with a line saying what to write', () => {
		assert.throws(() => parseTarget('10.0.0.1:0'), UsageError);
		assert.throws(() => parseTarget('10.0.0.1:http'), /is not a port/);
		assert.throws(() => parseTarget('10.0.0.1:8728', 8729), /the port is given twice/);
		assert.throws(() => parseTarget('a:b:c'), /put an IPv6 address in brackets/);
		assert.throws(() => parseTarget('[nope]:1'), /not an IPv6 address in brackets/);
		assert.throws(() => parseTarget(':8728'), /not a router address/);
	});
});

describe('connectOptionsFrom', () => {
	it('takes the password from PCCMON_PASSWORD and warns that it travels unencrypted off this machine', async () => {
		const environment = io({PCCMON_PASSWORD: 's3cret'});
		const options = await connectOptionsFrom(cli({}), environment);
		assert.equal(options.password, 's3cret');
		assert.equal(options.tls, undefined);
		assert.match(environment.written(), /warning: the password goes to router\.invalid unencrypted; use --tls/);
		assert.doesNotMatch(environment.written(), /s3cret/);
	});

	it('does not warn for loopback, with --tls, or with no password', async () => {
		for (const [more, env] of [
			[{target: '127.0.0.1'}, {PCCMON_PASSWORD: 'x'}],
			[{tls: true}, {PCCMON_PASSWORD: 'x'}],
			[{}, {}],
		] as const) {
			const environment = io(env);
			await connectOptionsFrom(cli(more), environment);
			assert.equal(environment.written(), '');
		}
		assert.deepEqual(['localhost', '::1', '127.3.2.1', '10.0.0.1'].map(isLoopback), [true, true, true, false]);
	});

	it('turns TLS on for --fingerprint, takes --insecure only with --tls, and checks the fingerprint\'s form', async () => {
		const pin = 'AB:'.repeat(31) + 'AB';
		const options = await connectOptionsFrom(cli({fingerprint: pin}), io());
		assert.deepEqual(options.tls, {ca: undefined, insecure: false, fingerprint: pin});
		assert.equal((await connectOptionsFrom(cli({tls: true, insecure: true}), io())).tls?.insecure, true);
		await assert.rejects(connectOptionsFrom(cli({insecure: true}), io()), /--insecure only applies with --tls/);
		await assert.rejects(connectOptionsFrom(cli({fingerprint: 'abc'}), io()), /--fingerprint takes the certificate's SHA-256/);
	});

	it('reaches the router before asking for a password or warning about one', async () => {
		const unresolved = new RouterError('unresolved', 'cannot resolve nonexistent.invalid: check the name');
		let asked = false;
		const terminal = {isTTY: true, setRawMode: () => (asked = true)} as unknown as NodeJS.ReadStream;
		const prompting = io({}, {stdin: terminal, reach: () => Promise.reject(unresolved)});
		await assert.rejects(connectOptionsFrom(cli({target: 'nonexistent.invalid'}), prompting), /cannot resolve/);
		assert.equal(asked, false, 'no prompt for a router that is not there');
		const warned = io({PCCMON_PASSWORD: 'x'}, {reach: () => Promise.reject(unresolved)});
		await assert.rejects(connectOptionsFrom(cli({target: 'nonexistent.invalid'}), warned), /cannot resolve/);
		assert.equal(warned.written(), '', 'no password warning before the resolve error');
	});

	it('refuses a --ca file that is missing or holds no certificate', async () => {
		await assert.rejects(connectOptionsFrom(cli({ca: '/nonexistent/ca.pem'}), io()), /cannot read --ca \/nonexistent\/ca\.pem \(ENOENT\)/);
		await assert.rejects(connectOptionsFrom(cli({ca: new URL(import.meta.url).pathname}), io()), /holds no PEM certificate/);
	});
});
