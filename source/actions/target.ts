import type {Wan} from '../pcc/types.js';

/** The WAN a user named: by name (routing mark or table), routing mark, or connection mark. */
export function findWan(wans: readonly Wan[], text: string): Wan | undefined {
	return wans.find(wan => wan.name === text)
		?? wans.find(wan => wan.routingMark === text || wan.table === text)
		?? wans.find(wan => wan.connectionMark === text || wan.otherConnectionMarks.includes(text));
}

/** `wan1 (wan1_conn), wan2 (wan2_conn)`, for the line that says which names exist. */
export function wanNames(wans: readonly Wan[]): string {
	return wans.map(wan => (wan.connectionMark ? `${wan.name} (${wan.connectionMark})` : wan.name)).join(', ');
}
