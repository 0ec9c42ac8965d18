import {readFileSync, statSync} from 'node:fs';
import {isIP} from 'node:net';
import {reachRouter} from '../routeros/reach.js';
import {normalizeFingerprint} from '../routeros/tls.js';
import {defaultPort, type ConnectOptions} from '../routeros/types.js';
import {UsageError, type CliOptions} from './options.js';

/** Where connect options come from besides the flags; the process's own by default. */
export interface ConnectEnvironment {
	env: NodeJS.ProcessEnv;
	stdin: NodeJS.ReadStream;
	stderr: NodeJS.WriteStream;
	/** Resolves the name and opens the port, or rejects saying why (see reachRouter). */
	reach: (host: string, port: number, tls: boolean) => Promise<void>;
}

const processEnvironment = (): ConnectEnvironment => ({env: process.env, stdin: process.stdin, stderr: process.stderr, reach: reachRouter});

/** `HOST`, `HOST:PORT`, `[IPv6]`, `[IPv6]:PORT` or a bare IPv6 address → host and port. */
export function parseTarget(target: string, portFlag?: number): {host: string; port?: number} {
	let host = target.trim();
	let portText: string | undefined;
	const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(host);
	if (bracketed) {
		host = bracketed[1];
		portText = bracketed[2];
		if (isIP(host) !== 6) throw new UsageError(`"${target}" is not an IPv6 address in brackets; write [2001:db8::1]:8728`);
	} else if (host.split(':').length === 2) {
		[host, portText] = host.split(':');
	} else if (host.includes(':') && isIP(host) !== 6) {
		throw new UsageError(`cannot read "${target}" as HOST[:PORT]; put an IPv6 address in brackets: [2001:db8::1]:8728`);
	}
	if (host === '' || /[\s/]/.test(host)) throw new UsageError(`"${target}" is not a router address; give a name or an IP, e.g. 192.168.88.1`);
	let port: number | undefined;
	if (portText !== undefined) {
		port = Number(portText);
		if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new UsageError(`"${portText}" in "${target}" is not a port (1 to 65535)`);
	}
	if (portFlag !== undefined) {
		if (portFlag < 1) throw new UsageError('--port must be 1 to 65535');
		if (port !== undefined && port !== portFlag) throw new UsageError(`the port is given twice (${target} and --port ${portFlag}); give it once`);
		port = portFlag;
	}
	return {host, port};
}

/** A password sent in clear only matters when it leaves this machine. */
export function isLoopback(host: string): boolean {
	if (host === 'localhost' || host === '::1') return true;
	return isIP(host) === 4 && host.startsWith('127.');
}

function readPasswordFile(path: string, stderr: NodeJS.WritableStream): string {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : code ?? 'unreadable';
		throw new UsageError(`cannot read the password file ${path} (${why}); give a readable file or set PCCMON_PASSWORD`);
	}
	// On Windows permission bits mean nothing; elsewhere a secret should be owner-only.
	if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
		stderr.write(`pccmon: warning: ${path} can be read by other users; chmod 600 ${path}\n`);
	}
	// One line; editors add a trailing newline that is not part of the password.
	return text.split(/\r?\n/)[0];
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WritableStream): Promise<string> {
	return new Promise((resolve, reject) => {
		let typed = '';
		stderr.write(question);
		stdin.setRawMode(true);
		stdin.resume();
		stdin.setEncoding('utf8');
		const finish = (error?: Error): void => {
			stdin.off('data', onData);
			stdin.setRawMode(false);
			stdin.pause();
			stderr.write('\n');
			if (error) reject(error);
			else resolve(typed);
		};
		const onData = (chunk: string): void => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n') return finish();
				if (char === '\u0003') return finish(new UsageError('interrupted'));
				if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
				else if (char >= ' ') typed += char;
			}
		};
		stdin.on('data', onData);
	});
}

/** Where the password comes from: a prompt only once the router is known to be there. */
function passwordSource(options: CliOptions, io: ConnectEnvironment): 'env' | 'file' | 'prompt' | 'none' {
	if (options.passwordEnv !== undefined) {
		if (io.env[options.passwordEnv] !== undefined) return 'env';
		throw new UsageError(`the profile ${options.profile} takes its password from $${options.passwordEnv}, which is not set; export it first`);
	}
	if (io.env['PCCMON_PASSWORD'] !== undefined) return 'env';
	if (options.passwordFile !== undefined) return 'file';
	return io.stdin.isTTY ? 'prompt' : 'none';
}

function password(source: ReturnType<typeof passwordSource>, options: CliOptions, host: string, io: ConnectEnvironment): Promise<string> | string {
	switch (source) {
		case 'env':
			return io.env[options.passwordEnv ?? 'PCCMON_PASSWORD'] ?? '';
		case 'file':
			return readPasswordFile(options.passwordFile!, io.stderr);
		case 'prompt':
			return promptHidden(`Password for ${options.user}@${host}: `, io.stdin, io.stderr);
		case 'none':
			return '';
	}
}

function readCa(path: string): string {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new UsageError(`cannot read --ca ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); give a PEM file with the CA certificate`);
	}
	if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
	return text;
}

/**
 * ConnectOptions from the command line: address, account, password (environment, file or
 * prompt; never a flag), and TLS. `--ca` and `--fingerprint` imply --tls; `--insecure` only
 * loosens it. Before a prompt or a warning the router is reached first: a wrong name or a
 * closed port is said at once, not after typing a password. Warns on stderr before a
 * password would cross the network in clear.
 */
export async function connectOptionsFrom(options: CliOptions, io: ConnectEnvironment = processEnvironment()): Promise<ConnectOptions> {
	if (options.target === undefined) throw new UsageError('give a router address (pccmon 192.168.88.1) or --demo');
	const {host, port} = parseTarget(options.target, options.port);
	if (options.insecure && !options.tls) throw new UsageError('--insecure only applies with --tls (api-ssl): pccmon HOST --tls --insecure');
	const useTls = options.tls || options.ca !== undefined || options.fingerprint !== undefined;
	if (options.fingerprint !== undefined && normalizeFingerprint(options.fingerprint) === undefined) {
		throw new UsageError(`--fingerprint takes the certificate's SHA-256, 64 hex digits (colons allowed), got "${options.fingerprint}"`);
	}
	const tls = useTls ? {
		ca: options.ca === undefined ? undefined : readCa(options.ca),
		insecure: options.insecure,
		fingerprint: options.fingerprint,
	} : undefined;
	const source = passwordSource(options, io);
	const reach = () => io.reach(host, port ?? defaultPort(tls !== undefined), tls !== undefined);
	if (source === 'prompt') await reach();
	const secret = await password(source, options, host, io);
	if (!tls && secret !== '' && !isLoopback(host)) {
		if (source !== 'prompt') await reach();
		io.stderr.write(`pccmon: warning: the password goes to ${host} unencrypted; use --tls (api-ssl) where the network is not yours\n`);
	}
	return {host, port, user: options.user, password: secret, tls};
}
