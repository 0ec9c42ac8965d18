import type {Row, RouterConfig} from '../../../source/pcc/types.js';

/**
 * Builds rows the way the API prints them, from `name=value` words (values with spaces in
 * double quotes): every value a string, booleans true/false, unset properties absent.
 * Each row gets an `.id` (`*1`, `*2`, ... per menu) and `disabled=false` unless given.
 */
export function rows(...lines: string[]): Row[] {
	return lines.map((line, index) => ({'.id': `*${(index + 1).toString(16).toUpperCase()}`, disabled: 'false', ...words(line)}));
}

function words(line: string): Record<string, string> {
	const result: Record<string, string> = {};
	const pattern = /([^\s=]+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g;
	for (const match of line.matchAll(pattern)) {
		result[match[1]] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3];
	}
	return result;
}

export type Menus = Omit<RouterConfig, 'routeros' | 'version' | 'identity' | 'board'>;

/** A RouterConfig with empty menus except those given. */
export function routerConfig(routeros: 6 | 7, menus: Partial<Menus>): RouterConfig {
	return {
		routeros,
		version: routeros === 7 ? '7.18.2 (stable)' : '6.49.17 (long-term)',
		identity: 'test',
		board: 'RB5009UG+S+',
		mangle: [], nat: [], routes: [], routingTables: [], routingRules: [], interfaces: [],
		interfaceLists: [], interfaceListMembers: [], addresses: [], addressLists: [],
		dhcpClients: [], pppoeClients: [], netwatch: [], hotspots: [], filter: [], scheduler: [], scripts: [],
		...menus,
	};
}
