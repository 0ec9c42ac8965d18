import type {Fields} from '../model/item.js';
import type {UserStore} from '../model/users.js';
import type {RouterState} from '../model/router-state.js';
import {comment, disabled, text, type MenuSpec} from './spec.js';

/**
 * `/user` and `/user/group`, read-only here: the accounts belong to the API server's
 * UserStore, which `showAccounts` lists. A monitor reads them to tell whether its own account
 * may write before it tries anything.
 */
export function userMenus(): MenuSpec[] {
	return [
		{
			path: '/user',
			verbs: ['print', 'getall'],
			key: 'name',
			fields: [text('name'), text('group'), text('address', {default: ''}), disabled, comment],
		},
		{
			path: '/user/group',
			verbs: ['print', 'getall'],
			key: 'name',
			fields: [text('name'), text('policy'), text('skin', {default: 'default'}), comment],
		},
	];
}

// The built-in groups' policies as RouterOS prints them; 7 added rest-api.
const everyPolicy = ['local', 'telnet', 'ssh', 'ftp', 'reboot', 'read', 'write', 'policy', 'test', 'winbox', 'password', 'web', 'sniff', 'sensitive', 'api', 'romon'];
const denied: Record<string, readonly string[]> = {read: ['ftp', 'write', 'policy'], write: ['ftp', 'policy'], full: []};

export function builtinUserGroups(major: number): Fields[] {
	const policies = major >= 7 ? [...everyPolicy, 'rest-api'] : everyPolicy;
	return Object.entries(denied).map(([name, not]) => ({
		name,
		policy: [...policies.filter(policy => !not.includes(policy)), ...not.map(policy => `!${policy}`)].join(','),
	}));
}

/** Lists the server's accounts in `/user`, now and whenever they change; returns what stops it. */
export function showAccounts(router: RouterState, users: UserStore): () => void {
	const show = () => {
		for (const item of [...router.rows('/user')]) router.delete('/user', item.id);
		for (const user of users.list()) router.insert('/user', {name: user.name, group: user.group}, {dynamic: false});
	};
	show();
	return users.subscribe(show);
}
