import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';

/** The XDG base directories pccmon keeps files in, and where each falls back to. */
const fallbacks = {
	XDG_CONFIG_HOME: ['.config'],
	XDG_STATE_HOME: ['.local', 'state'],
} as const;

/**
 * `$XDG_…/pccmon`, the folder pccmon keeps one kind of file in. The XDG spec says to ignore a
 * relative value. (The launcher keeps its own copy for the cache: it imports nothing of the app.)
 */
export function pccmonDir(kind: keyof typeof fallbacks, env: NodeJS.ProcessEnv = process.env): string {
	const value = env[kind];
	const base = value && isAbsolute(value) ? value : join(homedir(), ...fallbacks[kind]);
	return join(base, 'pccmon');
}
