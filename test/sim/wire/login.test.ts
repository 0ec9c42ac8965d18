import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {UserStore, challengeResponse} from '../../../source/sim/model/users.js';
import {parseVersion} from '../../../source/sim/model/version.js';
import {LoginFlow} from '../../../source/sim/wire/login.js';

const users = new UserStore([
	{name: 'admin', password: '', group: 'full'},
	{name: 'ops', password: 'test', group: 'write'},
]);

function flow(version: string): LoginFlow {
	return new LoginFlow(users, parseVersion(version)!);
}

function login(attributes: Record<string, string>): ReadonlyMap<string, string> {
	return new Map(Object.entries(attributes));
}

describe('accounts', () => {
	it('starts with a new router\'s admin and an empty password', () => {
		assert.deepEqual(new UserStore().authenticate('admin', ''), {name: 'admin', group: 'full'});
		assert.equal(new UserStore().authenticate('admin', 'admin'), undefined);
	});

	it('computes the pre-6.43 response as librouteros does', () => {
		// The vector from librouteros's own test of encode_password.
		assert.equal(challengeResponse('test', Buffer.from('259e0bc05acd6f46926dc2f809ed1bba', 'hex')), '00c7fd865183a43a772dde231f6d0bff13');
	});
});

describe('login flow by version', () => {
	it('takes a plain password from 6.43 on', () => {
		const outcome = flow('6.43').handle(login({name: 'ops', password: 'test'}), false);
		assert.deepEqual(outcome, {replies: [{type: 'done'}], user: {name: 'ops', group: 'write'}});
		assert.deepEqual(flow('7.18').handle(login({name: 'ops', password: 'nope'}), false), {
			replies: [{type: 'trap', message: 'invalid user name or password (6)'}, {type: 'done'}],
		});
	});

	it('hands out a challenge before 6.43, even to a plain password', () => {
		const old = flow('6.42.12');
		const first = old.handle(login({name: 'ops', password: 'test'}), false);
		assert.equal(first.user, undefined);
		const done = first.replies[0];
		assert.ok(done.type === 'done' && /^[0-9a-f]{32}$/.test(done.ret ?? ''));
		const response = challengeResponse('test', Buffer.from(done.ret!, 'hex'));
		assert.deepEqual(old.handle(login({name: 'ops', response}), false).user, {name: 'ops', group: 'write'});
	});

	it('lets each challenge be answered once', () => {
		const old = flow('6.40');
		const done = old.handle(login({}), false).replies[0];
		assert.ok(done.type === 'done' && done.ret);
		const response = challengeResponse('', Buffer.from(done.ret, 'hex'));
		assert.ok(old.handle(login({name: 'admin', response}), false).user);
		assert.deepEqual(old.handle(login({name: 'admin', response}), false).replies[0], {type: 'trap', message: 'cannot log in'});
	});

	it('refuses good credentials when the refuse-login fault is on', () => {
		assert.equal(flow('7.1').handle(login({name: 'admin', password: ''}), true).user, undefined);
		const old = flow('6.30');
		const done = old.handle(login({}), true).replies[0];
		assert.ok(done.type === 'done' && done.ret);
		const response = challengeResponse('', Buffer.from(done.ret, 'hex'));
		assert.deepEqual(old.handle(login({name: 'admin', response}), true).replies[0], {type: 'trap', message: 'cannot log in'});
	});
});
