import type {Fields} from '../model/item.js';
import type {UserStore} from '../model/users.js';
import type {UserGroup} from '../model/users.js';
import type {RouterState} from '../model/router-state.js';
import {comment, disabled, status, text, type MenuSpec} from './spec.js';

/**
 * `/user` and `/user/group`. The accounts belong to the API server's UserStore:
 * `syncAccounts` lists them here, and an account added, changed or removed through these
 * menus is the store's from then on (docs/simulator-api.md, users). A group's policies
 * decide what its members may do: `write` to change things, `policy` as well for full rights.
 */
export function userMenus(major: number): MenuSpec[] {
	const policies = policiesOf(major);
	return [
		{
			path: '/user',
			key: 'name',
			policy: true,
			logName: 'user',
			duplicateMessage: 'failure: user with the same name already exists',
			verbs: ['print', 'getall', 'listen', 'add', 'set', 'unset', 'remove', 'enable', 'disable'],
			fields: [
				text('name', {required: true}),
				text('group', {required: true, ref: {path: '/user/group'}}),
				text('password', {secret: true}),
				text('address', {default: ''}),
				status('last-logged-in'),
				disabled,
				comment,
			],
		},
		{
			path: '/user/group',
			key: 'name',
			policy: true,
			logName: 'user group',
			duplicateMessage: 'failure: group with the same name already exists',
			verbs: ['print', 'getall', 'listen', 'add', 'set', 'unset', 'remove'],
			fields: [text('name', {required: true}), text('policy', {default: ''}), text('skin', {default: 'default'}), comment],
			check: (router, fields, existing) => {
				if (existing?.fields.builtin === 'true') return 'failure: can not change builtin group';
				const unknown = (fields.policy ?? '').split(',').find(part => part !== '' && !policies.includes(part.replace(/^!/, '')));
				if (unknown !== undefined) return `input does not match any value of policy`;
				return undefined;
			},
		},
	];
}

// The built-in groups' policies as RouterOS prints them; 7 added rest-api.
const everyPolicy = ['local', 'telnet', 'ssh', 'ftp', 'reboot', 'read', 'write', 'policy', 'test', 'winbox', 'password', 'web', 'sniff', 'sensitive', 'api', 'romon'];
const denied: Record<string, readonly string[]> = {read: ['ftp', 'write', 'policy'], write: ['ftp', 'policy'], full: []};

function policiesOf(major: number): string[] {
	return major >= 7 ? [...everyPolicy, 'rest-api'] : everyPolicy;
}

export function builtinUserGroups(major: number): Fields[] {
	const policies = policiesOf(major);
	return Object.entries(denied).map(([name, not]) => ({
		name,
		policy: [...policies.filter(policy => !not.includes(policy)), ...not.map(policy => `!${policy}`)].join(','),
		builtin: 'true',
	}));
}

/** What a group's policy list lets its members do over the API. */
export function rightsOf(policy: string): UserGroup {
	const granted = new Set(policy.split(',').filter(part => part !== '' && !part.startsWith('!')));
	if (!granted.has('write')) return 'read';
	return granted.has('policy') ? 'full' : 'write';
}

/**
 * Keeps `/user` and the server's accounts the same: the store's accounts are listed at once
 * and after every change to the store; a command's change to `/user` or `/user/group` is
 * written back, each row an account with its group's rights; a disabled one, or one whose
 * group lacks the `api` policy, may not log in. Returns what stops it.
 */
export function syncAccounts(router: RouterState, users: UserStore): () => void {
	let writing = false;
	const show = () => {
		if (writing) return;
		writing = true;
		for (const item of [...router.rows('/user')]) router.delete('/user', item.id);
		for (const account of users.accounts()) {
			const row = {name: account.name, group: account.groupName ?? account.group, password: account.password};
			router.insert('/user', account.locked === 'disabled' ? {...row, disabled: 'true'} : row, {dynamic: false});
		}
		writing = false;
	};
	const store = () => {
		if (writing) return;
		writing = true;
		const groups = new Map(router.rows('/user/group').map(item => [item.fields.name, item.fields.policy ?? '']));
		users.replace(
			router.rows('/user').map(({fields}) => {
				const groupName = fields.group ?? '';
				const policy = groups.get(groupName) ?? '';
				const locked = fields.disabled === 'true' ? 'disabled' : policy.split(',').includes('api') ? undefined : 'no-api';
				return {name: fields.name, password: fields.password ?? '', group: rightsOf(policy), groupName, ...(locked ? {locked} : {})};
			}),
		);
		writing = false;
	};
	show();
	const stops = [users.subscribe(show), router.table('/user').onEdit(store), router.table('/user/group').onEdit(store)];
	return () => {
		for (const stop of stops) stop();
	};
}
