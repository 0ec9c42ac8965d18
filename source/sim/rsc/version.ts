import {parseVersion, type RouterOsVersion} from '../model/version.js';
import type {RscScript} from './parse.js';
import {writtenCommands} from './static.js';

/** What the simulated router runs when nothing says otherwise. */
export const defaultRouterOs = '7.18.2';
/** What a script written for RouterOS 6 (routing marks on routes) runs on. */
export const defaultRouterOs6 = '6.49.7';

export type VersionSource = 'option' | 'header' | 'syntax' | 'default';

/**
 * The RouterOS version a script is run on: the one asked for, else the export's header
 * (`by RouterOS 6.49.7`), else what its syntax needs (routing tables exist only from 7,
 * routes carry routing marks only before 7), else the default.
 */
export function versionFor(script: RscScript | undefined, requested?: string): {version: RouterOsVersion; source: VersionSource} {
	const pick = (text: string, source: VersionSource) => ({version: parseVersion(text)!, source});
	if (requested !== undefined) {
		const version = parseVersion(requested);
		if (!version || version.major < 6 || version.major > 7) {
			throw new RangeError(`--routeros takes a RouterOS 6 or 7 version such as 7.18 or 6.49, got "${requested}"`);
		}
		return {version, source: 'option'};
	}
	if (script?.version && parseVersion(script.version)) return pick(script.version, 'header');
	const commands = script ? writtenCommands(script) : [];
	const v7 = commands.some(command => command.path.startsWith('/routing/table') || command.names.includes('routing-table'));
	if (v7) return pick(defaultRouterOs, 'syntax');
	const v6 = commands.some(
		command => command.path === '/ip/route/rule' || (command.path === '/ip/route' && command.names.includes('routing-mark')),
	);
	return v6 ? pick(defaultRouterOs6, 'syntax') : pick(defaultRouterOs, 'default');
}
