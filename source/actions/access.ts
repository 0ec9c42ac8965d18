import {listOf} from '../pcc/rows.js';
import {RouterError, type RouterApi} from '../routeros/types.js';

/** Whether pccmon may change the router, and if not, the reason the header shows. */
export type Access = {write: true} | {write: false; reason: string};

/** Refused before anything is sent, with the one line the user sees. */
export class ReadOnlyError extends Error {
	override name = 'ReadOnlyError';
}

export function readOnlyFlag(): Access {
	return {write: false, reason: 'read-only (--read-only)'};
}

/** Throws the reason when actions are off. */
export function requireWrite(access: Access, action: string): void {
	if (!access.write) throw new ReadOnlyError(`${action} refused: ${access.reason}; nothing was changed`);
}

/** `policy` of /user/group: comma list where `!name` means the right is withheld. */
export function policyAllowsWrite(policy: string): boolean {
	return listOf(policy).includes('write');
}

/**
 * Finds out whether the account may write, without changing anything. First the
 * authoritative way: the account's group and that group's policy (readable with the `read`
 * policy). A router or simulator without those menus gets a probe instead: `set` on an id
 * that cannot exist. RouterOS checks the policy before it looks the item up, so a read
 * account hears `not enough permissions` and a write account `no such item`; either way
 * nothing is changed.
 */
export async function detectAccess(router: RouterApi): Promise<Access> {
	try {
		const [user] = await router.print('/user', {query: [`name=${router.user}`], proplist: ['name', 'group']});
		const group = user?.group;
		if (group) {
			const [row] = await router.print('/user/group', {query: [`name=${group}`], proplist: ['name', 'policy']});
			if (row?.policy !== undefined) {
				return policyAllowsWrite(row.policy)
					? {write: true}
					: {write: false, reason: `read-only: account ${router.user} is in group ${group}, which lacks the write policy`};
			}
		}
	} catch (error) {
		if (!(error instanceof RouterError) || (error.kind !== 'trap' && error.kind !== 'permission')) throw error;
	}
	try {
		await router.set('/ip/firewall/mangle', '*FFFFFFFF', {comment: ''});
		return {write: true};
	} catch (error) {
		if (error instanceof RouterError && error.kind === 'permission') {
			return {write: false, reason: `read-only: account ${router.user} may not change the router (its group lacks the write policy)`};
		}
		if (error instanceof RouterError && error.kind === 'trap') return {write: true};
		throw error;
	}
}
