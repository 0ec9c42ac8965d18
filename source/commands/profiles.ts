import {readFileSync} from 'node:fs';
import {isIP} from 'node:net';
import {homedir} from 'node:os';
import {dirname, isAbsolute, join, resolve} from 'node:path';
import {parse, TomlError} from 'smol-toml';
import {pccmonDir} from '../xdg.js';
import {UsageError, type CliOptions, type GivenFlags} from './options.js';

/** One named router of routers.toml: how to reach it, never its password. */
export interface RouterProfile {
	name: string;
	host: string;
	port?: number;
	user?: string;
	/** Absolute: `~/` and paths relative to the file are resolved on reading. */
	passwordFile?: string;
	/** The environment variable holding the password. */
	passwordEnv?: string;
	tls?: boolean;
	ca?: string;
	fingerprint?: string;
	/** Refresh interval, seconds. */
	interval?: number;
}

/** `$XDG_CONFIG_HOME/pccmon/routers.toml` (default `~/.config/pccmon/routers.toml`). */
export function profilesPath(env: NodeJS.ProcessEnv = process.env): string {
	return join(pccmonDir('XDG_CONFIG_HOME', env), 'routers.toml');
}

type Check = (value: unknown) => string | undefined;

const text: Check = value => (typeof value === 'string' && value.trim() !== '' ? undefined : 'a quoted text');
const keys: Record<string, Check> = {
	host: text,
	port: value => (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535 ? undefined : 'a port, 1 to 65535'),
	user: text,
	'password-file': text,
	'password-env': value => (typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? undefined : 'the name of an environment variable'),
	tls: value => (typeof value === 'boolean' ? undefined : 'true or false'),
	ca: text,
	fingerprint: text,
	interval: value => (typeof value === 'number' && value >= 0.5 ? undefined : 'a number of seconds, at least 0.5'),
};
const known = Object.keys(keys).join(', ');

/** The line a table, or a key inside it, is written on; the table's line when not found. */
function lineOf(source: string, table: string[], key?: string): number {
	const lines = source.split(/\r?\n/);
	const unquote = (name: string) => name.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
	let inside = false;
	let tableLine = 1;
	for (const [index, line] of lines.entries()) {
		const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
		if (header) {
			inside = header[1].split('.').map(unquote).join('.') === table.join('.');
			if (inside) tableLine = index + 1;
			continue;
		}
		if (inside && key !== undefined && unquote(line.split('=')[0] ?? '') === key) return index + 1;
	}
	return tableLine;
}

function expandPath(path: string, file: string): string {
	if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(2));
	return isAbsolute(path) ? path : resolve(dirname(file), path);
}

/**
 * The profiles a routers.toml holds. Every mistake is one line naming the file and line and
 * saying what to write instead; a password in the file is one of them.
 */
export function parseProfiles(source: string, file: string): RouterProfile[] {
	let document: Record<string, unknown>;
	try {
		document = parse(source);
	} catch (error) {
		if (!(error instanceof TomlError)) throw error;
		const reason = error.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
		throw new UsageError(`${file}:${error.line}: ${reason}; see the README's Router profiles`);
	}
	const fail = (line: number, what: string): never => {
		throw new UsageError(`${file}:${line}: ${what}`);
	};
	for (const key of Object.keys(document)) {
		if (key !== 'routers') fail(lineOf(source, [key]), `unknown table [${key}]; profiles go in [routers.NAME] tables`);
	}
	const routers = document['routers'] ?? {};
	if (typeof routers !== 'object' || routers === null || Array.isArray(routers)) {
		return fail(1, 'routers must be tables, one per router: [routers.office-gw]');
	}
	return Object.entries(routers as Record<string, unknown>).map(([name, table]) => {
		const at = (key?: string) => lineOf(source, ['routers', name], key);
		if (typeof table !== 'object' || table === null || Array.isArray(table)) {
			return fail(at(), `routers.${name} must be a table: [routers.${name}] with host = "..." below it`);
		}
		const fields = table as Record<string, unknown>;
		for (const [key, value] of Object.entries(fields)) {
			if (key === 'password') fail(at(key), `a profile holds no password; use password-file = "~/.config/pccmon/${name}.pass" or password-env = "NAME"`);
			const check = keys[key];
			if (!check) fail(at(key), `unknown key ${key} in [routers.${name}]; the keys are ${known}`);
			const wanted = check(value);
			if (wanted) fail(at(key), `${key} in [routers.${name}] must be ${wanted}`);
		}
		if (fields['host'] === undefined) fail(at(), `[routers.${name}] has no host; add host = "192.0.2.1"`);
		if (fields['password-file'] !== undefined && fields['password-env'] !== undefined) {
			fail(at('password-env'), `[routers.${name}] names both password-file and password-env; keep one`);
		}
		const string = (key: string) => fields[key] as string | undefined;
		const passwordFile = string('password-file');
		const ca = string('ca');
		return {
			name,
			host: string('host')!,
			port: fields['port'] as number | undefined,
			user: string('user'),
			passwordFile: passwordFile === undefined ? undefined : expandPath(passwordFile, file),
			passwordEnv: string('password-env'),
			tls: fields['tls'] as boolean | undefined,
			ca: ca === undefined ? undefined : expandPath(ca, file),
			fingerprint: string('fingerprint'),
			interval: fields['interval'] as number | undefined,
		};
	});
}

/** The profiles of `file`; none when it does not exist, unless it was named on purpose. */
export function readProfiles(file: string, options: {required: boolean}): RouterProfile[] {
	let source: string;
	try {
		source = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' && !options.required) return [];
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unreadable');
		throw new UsageError(`cannot read ${file} (${why}); give a routers.toml with [routers.NAME] tables`);
	}
	return parseProfiles(source, file);
}

/** `pccmon --list`: one line per profile. */
export function listProfiles(profiles: readonly RouterProfile[], file: string): string {
	if (profiles.length === 0) return `no router profiles in ${file}; add [routers.NAME] tables (see the README's Router profiles)\n`;
	const width = Math.max(...profiles.map(profile => profile.name.length));
	const lines = profiles.map(profile => {
		const address = profile.port === undefined ? profile.host : `${profile.host}:${profile.port}`;
		const details = [profile.user ? `user ${profile.user}` : undefined, profile.tls || profile.ca || profile.fingerprint ? 'tls' : undefined]
			.filter(Boolean)
			.join(', ');
		return `${profile.name.padEnd(width)}  ${address}${details ? `  (${details})` : ''}`;
	});
	return `${lines.join('\n')}\n`;
}

/** The options for a profile's router: what the command line says wins over the profile. */
export function applyProfile(options: CliOptions, profile: RouterProfile, given: GivenFlags): CliOptions {
	return {
		...options,
		target: profile.host,
		profile: profile.name,
		port: given.port ?? profile.port,
		user: given.user ?? profile.user ?? options.user,
		passwordFile: given.passwordFile ?? profile.passwordFile,
		passwordEnv: given.passwordFile === undefined ? profile.passwordEnv : undefined,
		tls: given.tls || (profile.tls ?? false),
		ca: given.ca ?? profile.ca,
		fingerprint: given.fingerprint ?? profile.fingerprint,
		intervalSeconds: given.interval === undefined && profile.interval !== undefined ? profile.interval : options.intervalSeconds,
	};
}

/**
 * `pccmon NAME` with a profile of that name opens it; any other target is an address. An
 * address written as one (an IP, a port, brackets) never reads the file.
 */
export function withProfile(options: CliOptions, given: GivenFlags, file = profilesPath()): CliOptions {
	const target = options.target;
	if (target === undefined || isIP(target) !== 0 || /[:[\]]/.test(target)) return options;
	const profile = readProfiles(file, {required: false}).find(candidate => candidate.name === target);
	return profile ? applyProfile(options, profile, given) : options;
}
