import type {ReplySentence} from '../api/types.js';
import type {ApiUser} from '../model/users.js';
import {atLeast, type RouterOsVersion} from '../model/version.js';
import {createChallenge, type UserStore} from '../model/users.js';

export const plainLoginFailure = 'invalid user name or password (6)';
export const challengeLoginFailure = 'cannot log in';

export interface LoginOutcome {
	replies: ReplySentence[];
	/** Set when the login succeeded. */
	user?: ApiUser;
}

/**
 * One connection's `/login` exchange. From 6.43 the password travels in clear; before,
 * the router hands out a challenge and expects an MD5 response. An old router ignores a
 * plain `=password=` and answers with a challenge, which is how clients such as
 * node-routeros detect it and fall back.
 */
export class LoginFlow {
	private challenge: Buffer | undefined;

	constructor(
		private readonly users: UserStore,
		private readonly version: RouterOsVersion,
	) {}

	/** `refused` makes every attempt fail with the router's own message (a fault mode). */
	handle(attributes: ReadonlyMap<string, string>, refused: boolean): LoginOutcome {
		const name = attributes.get('name') ?? '';
		if (atLeast(this.version, 6, 43)) {
			const user = refused ? undefined : this.users.authenticate(name, attributes.get('password') ?? '');
			return user ? {replies: [{type: 'done'}], user} : failure(plainLoginFailure);
		}
		const response = attributes.get('response');
		if (response === undefined) {
			this.challenge = createChallenge();
			return {replies: [{type: 'done', ret: this.challenge.toString('hex')}]};
		}
		const challenge = this.challenge;
		this.challenge = undefined;
		const user = challenge && !refused ? this.users.verifyChallenge(name, response, challenge) : undefined;
		return user ? {replies: [{type: 'done'}], user} : failure(challengeLoginFailure);
	}
}

function failure(message: string): LoginOutcome {
	return {replies: [{type: 'trap', message}, {type: 'done'}]};
}
