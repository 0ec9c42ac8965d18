import type {Wan} from './types.js';

/**
 * The WAN a user named: by name, then routing mark or table (RouterOS 6 names a WAN by its
 * routing mark, 7 by its table, and a user may know either), then connection mark. An
 * empty mark names nothing.
 */
export function findWan(wans: readonly Wan[], text: string): Wan | undefined {
	if (text === '') return undefined;
	return wans.find(wan => wan.name === text)
		?? wans.find(wan => wan.routingMark === text || wan.table === text)
		?? wans.find(wan => wan.connectionMark === text || wan.otherConnectionMarks.includes(text));
}

/** `wan1 (wan1_conn), wan2 (wan2_conn)`, for the line that says which names exist. */
export function wanNames(wans: readonly Wan[]): string {
	return wans.map(wan => (wan.connectionMark ? `${wan.name} (${wan.connectionMark})` : wan.name)).join(', ');
}
