import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {once} from 'node:events';
import {RouterOSAPI} from 'node-routeros';
import '../../patches/node-routeros.js';
import {cliPath, runCli} from './helpers.js';

interface Running {
	child: ChildProcessWithoutNullStreams;
	host: string;
	port: number;
	stderr: () => string;
	exited: Promise<number | null>;
}

/** Starts `pccmon sim ...` and waits (at most 20 s) for its `listening on` line. */
async function startCli(args: string[]): Promise<Running> {
	const child = spawn(process.execPath, [cliPath, 'sim', ...args], {env: {...process.env, NO_COLOR: '1'}});
	let stdout = '';
	let stderr = '';
	child.stderr.on('data', chunk => (stderr += chunk));
	const exited = once(child, 'exit').then(([code]) => code as number | null);
	const listening = new Promise<{host: string; port: number}>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no "listening on" line within 20 s; stderr: ${stderr}`)), 20_000);
		child.stdout.on('data', chunk => {
			stdout += chunk;
			const match = /^listening on (\S+):(\d+)$/m.exec(stdout);
			if (match) {
				clearTimeout(timer);
				resolve({host: match[1], port: Number(match[2])});
			}
		});
		void exited.then(code => {
			clearTimeout(timer);
			reject(new Error(`exited with ${code} before listening; stderr: ${stderr}`));
		});
	});
	try {
		return {child, ...(await listening), stderr: () => stderr, exited};
	} catch (error) {
		child.kill('SIGKILL');
		throw error;
	}
}

async function stop(running: Running, signal: NodeJS.Signals): Promise<number | null> {
	running.child.kill(signal);
	return running.exited;
}

async function manglePackets(api: RouterOSAPI): Promise<number> {
	const rows = await api.write(['/ip/firewall/mangle/print', '=stats=']);
	return rows.reduce((sum, row) => sum + Number(row.packets), 0);
}

describe('pccmon sim', () => {
	it('prints where it listens, serves a RouterOS API client mangle counters that move, and exits 0 on SIGTERM', async () => {
		const running = await startCli(['--port', '0', '--scenario', 'two-wan']);
		try {
			assert.equal(running.host, '127.0.0.1');
			assert.ok(running.port > 0);
			const api = new RouterOSAPI({host: running.host, port: running.port, user: 'admin', password: '', keepalive: false, timeout: 5});
			api.on('error', () => {});
			await api.connect();
			try {
				const first = await manglePackets(api);
				let latest = first;
				// Real time drives this router; poll (bounded) until the counters have moved.
				for (let attempt = 0; attempt < 100 && latest <= first; attempt++) {
					await new Promise(resolve => setTimeout(resolve, 100));
					latest = await manglePackets(api);
				}
				assert.ok(latest > first, `mangle packets moved: ${first} -> ${latest}`);
			} finally {
				await api.close();
			}
		} finally {
			assert.equal(await stop(running, 'SIGTERM'), 0);
		}
		assert.equal(running.stderr(), '');
	});

	it('takes --user/--password for its account and exits 0 on SIGINT', async () => {
		const running = await startCli(['--port', '0', '--user', 'ops', '--password', 's3cret', '--scenario', 'routeros6']);
		try {
			const api = new RouterOSAPI({host: running.host, port: running.port, user: 'ops', password: 's3cret', keepalive: false, timeout: 5});
			api.on('error', () => {});
			await api.connect();
			const [resource] = await api.write(['/system/resource/print']);
			assert.match(resource.version, /^6\.49/);
			await api.close();
		} finally {
			assert.equal(await stop(running, 'SIGINT'), 0);
		}
	});

	it('passes --connections and --fault through to the router', async () => {
		const quiet = await startCli(['--port', '0', '--scenario', 'two-wan', '--connections', '0', '--rate', '0', '--seed', '5']);
		try {
			const api = new RouterOSAPI({host: quiet.host, port: quiet.port, user: 'admin', password: '', keepalive: false, timeout: 5});
			api.on('error', () => {});
			await api.connect();
			const [count] = await api.write(['/ip/firewall/connection/print', '=count-only=']);
			assert.equal(count.ret, '0', '--connections 0: none open at start');
			await api.close();
		} finally {
			assert.equal(await stop(quiet, 'SIGTERM'), 0);
		}
		const refusing = await startCli(['--port', '0', '--fault', 'refuse-login']);
		try {
			const api = new RouterOSAPI({host: refusing.host, port: refusing.port, user: 'admin', password: '', keepalive: false, timeout: 5});
			api.on('error', () => {});
			await assert.rejects(api.connect());
		} finally {
			assert.equal(await stop(refusing, 'SIGTERM'), 0);
		}
	});

	it('runs an export with --rsc, printing each refused line on stderr with file and line', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'pccmon-sim-'));
		const file = join(folder, 'router.rsc');
		writeFileSync(file, [
			'/ip firewall mangle',
			'add chain=prerouting action=mark-connection new-connection-mark=a per-connection-classifier=both-addresses:10/0,1',
			'add chain=prerouting action=accept',
		].join('\n'));
		try {
			const running = await startCli(['--port', '0', '--rsc', file]);
			try {
				assert.match(running.stderr(), new RegExp(`^pccmon: ${file.replaceAll('/', '\\/')}:2: /ip firewall mangle add: invalid value for argument per-connection-classifier`));
				assert.equal(running.stderr().trim().split('\n').length, 1);
			} finally {
				assert.equal(await stop(running, 'SIGTERM'), 0);
			}
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});

	it('serves api-ssl with --tls-cert and --tls-key', async t => {
		const folder = mkdtempSync(join(tmpdir(), 'pccmon-sim-tls-'));
		try {
			const [cert, key] = [join(folder, 'cert.pem'), join(folder, 'key.pem')];
			try {
				execFileSync('openssl', [
					'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=router', '-keyout', key, '-out', cert,
				], {stdio: 'ignore'});
			} catch {
				return t.skip('openssl is not installed; cannot make a certificate');
			}
			const running = await startCli(['--port', '0', '--scenario', 'two-wan', '--tls-cert', cert, '--tls-key', key]);
			try {
				const api = new RouterOSAPI({
					host: running.host, port: running.port, user: 'admin', password: '', keepalive: false, timeout: 5,
					tls: {rejectUnauthorized: false},
				});
				api.on('error', () => {});
				await api.connect();
				const [identity] = await api.write(['/system/identity/print']);
				assert.equal(identity.name, 'pcc-two-wan');
				await api.close();
			} finally {
				assert.equal(await stop(running, 'SIGTERM'), 0);
			}
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});

	it('refuses bad input with one line and exit code 2', async () => {
		const cases: Array<[string[], RegExp]> = [
			[['--scenario', 'nope'], /^pccmon: unknown scenario "nope"; use one of: failover, two-wan, three-wan-weighted, pppoe-2to1, routeros6, misconfigured\n$/],
			[['--rsc', '/nonexistent/router.rsc'], /^pccmon: cannot read --rsc \/nonexistent\/router\.rsc: no such file\n$/],
			[['--routeros', 'banana'], /^pccmon: --routeros takes a RouterOS 6 or 7 version/],
			[['--fault', 'bogus'], /^pccmon: unknown fault "bogus"/],
			[['--tls-cert', 'cert.pem'], /^pccmon: give both --tls-cert and --tls-key/],
		];
		for (const [args, message] of cases) {
			const result = await runCli(['sim', '--port', '0', ...args]);
			assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
			assert.match(result.stderr, message);
			assert.equal(result.stderr.trim().split('\n').length, 1);
			assert.equal(result.stdout, '');
		}
	});

	it('says the port is taken in one line', async () => {
		const running = await startCli(['--port', '0', '--scenario', 'two-wan']);
		try {
			const result = await runCli(['sim', '--port', String(running.port)]);
			assert.equal(result.code, 1);
			assert.match(result.stderr, /^pccmon: cannot listen on 127\.0\.0\.1:\d+: the port is in use \(try --port 0\)\n$/);
		} finally {
			assert.equal(await stop(running, 'SIGTERM'), 0);
		}
	});
});
