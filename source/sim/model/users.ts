import {createHash, randomBytes, timingSafeEqual} from 'node:crypto';

export type UserGroup = 'full' | 'write' | 'read';

export interface ApiUser {
	name: string;
	group: UserGroup;
}

export interface UserAccount {
	name: string;
	password: string;
	/** What the account may do. */
	group: UserGroup;
	/** The `/user/group` it is in, when that is not the built-in group named after its rights. */
	groupName?: string;
	/** Listed, but may not log in: disabled, or its group lacks the `api` policy. */
	locked?: 'disabled' | 'no-api';
}

/** A new router's only account. */
export const defaultAdmin: UserAccount = {name: 'admin', password: '', group: 'full'};

/** The router's accounts (/user), checked at API login. */
export class UserStore {
	private readonly byName = new Map<string, UserAccount>();
	private readonly listeners = new Set<() => void>();

	constructor(accounts: readonly UserAccount[] = [defaultAdmin]) {
		for (const account of accounts) this.set(account);
	}

	/** Adds an account or replaces the one with the same name. */
	set(account: UserAccount): void {
		this.byName.set(account.name, {...account});
		this.changed();
	}

	/** Every account, passwords included, for the router's own `/user` menu. */
	accounts(): UserAccount[] {
		return [...this.byName.values()].map(account => ({...account}));
	}

	/** Puts these accounts in place of all others, with one change notice. */
	replace(accounts: readonly UserAccount[]): void {
		this.byName.clear();
		for (const account of accounts) this.byName.set(account.name, {...account});
		this.changed();
	}

	remove(name: string): boolean {
		const removed = this.byName.delete(name);
		if (removed) this.changed();
		return removed;
	}

	/** Calls `listener` after every change; returns what unsubscribes it. */
	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private changed(): void {
		for (const listener of this.listeners) listener();
	}

	list(): ApiUser[] {
		return [...this.byName.values()].map(toApiUser);
	}

	/** Plain-text login (RouterOS 6.43 and later). */
	authenticate(name: string, password: string): ApiUser | undefined {
		const account = this.byName.get(name);
		if (!account || account.locked || !sameText(account.password, password)) return undefined;
		return toApiUser(account);
	}

	/** The pre-6.43 challenge login: `response` is `00` + hex MD5 over 0x00, password, challenge. */
	verifyChallenge(name: string, response: string, challenge: Buffer): ApiUser | undefined {
		const account = this.byName.get(name);
		if (!account || account.locked || !sameText(challengeResponse(account.password, challenge), response.toLowerCase())) {
			return undefined;
		}
		return toApiUser(account);
	}
}

/** 16 random bytes the router sends (hex) as `=ret=` for the pre-6.43 login. */
export function createChallenge(): Buffer {
	return randomBytes(16);
}

export function challengeResponse(password: string, challenge: Buffer): string {
	const digest = createHash('md5')
		.update(Buffer.from([0]))
		.update(Buffer.from(password, 'utf8'))
		.update(challenge)
		.digest('hex');
	return `00${digest}`;
}

function toApiUser(account: UserAccount): ApiUser {
	return {name: account.name, group: account.group};
}

/** Compares secrets in constant time, so response timing reveals nothing about them. */
function sameText(expected: string, actual: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(actual, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}
