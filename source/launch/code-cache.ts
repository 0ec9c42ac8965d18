import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {basename, dirname, isAbsolute, join} from 'node:path';

/**
 * Where pccmon keeps V8's code cache when the build's does not fit this Node (another V8
 * version, V8 flags in NODE_OPTIONS): the user's cache directory (XDG), named by the
 * bundle's content hash, because V8 itself checks only the source's length, and by V8's
 * version, which rejects any other's cache.
 */
export function codeCachePath(bundleHash: string, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
	const xdg = env['XDG_CACHE_HOME'];
	const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.cache');
	return join(base, 'pccmon', `code-${bundleHash}-v8-${process.versions.v8}.bin`);
}

/**
 * The cache the build made next to the bundle (scripts/code-cache.mjs), for the V8 that built
 * it; other V8 versions never read it.
 */
export function builtCodeCachePath(bundle: string): string {
	return `${bundle}.v8-${process.versions.v8}.cache`;
}

/** The cache, if there is one to read. */
export function readCodeCache(path: string): Buffer | undefined {
	try {
		return readFileSync(path);
	} catch {
		return undefined;
	}
}

/**
 * Writes the cache whole or not at all (another pccmon may be starting), and removes the
 * caches of other builds. A cache is only ever a head start: failures are ignored.
 */
export function writeCodeCache(path: string, data: Buffer): void {
	try {
		const directory = dirname(path);
		mkdirSync(directory, {recursive: true});
		const temporary = `${path}.${process.pid}.tmp`;
		writeFileSync(temporary, data);
		renameSync(temporary, path);
		const build = basename(path).replace(/-v8-.*$/, '-');
		for (const name of readdirSync(directory)) {
			if (name.startsWith('code-') && !name.startsWith(build)) rmSync(join(directory, name), {force: true});
		}
	} catch {
		// A read-only or full home directory costs the next start its head start, nothing more.
	}
}
