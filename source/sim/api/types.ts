import type {ApiUser} from '../model/users.js';

/**
 * The border between the wire layer (server, sessions) and the router's command layer.
 * The wire layer decodes sentences into ApiRequests, the command layer answers them.
 */
export interface ApiRequest {
	/** Full command path as sent, e.g. `/ip/firewall/mangle/print`. */
	command: string;
	/** `=name=value` words in order; flags such as `stats` have the value ''. */
	attributes: Array<[name: string, value: string]>;
	/** `?...` words in order, without the leading `?`. */
	queries: string[];
}

export type ReplySentence =
	| {type: 're'; attributes: Record<string, string>}
	| {type: 'trap'; message: string; category?: number}
	| {type: 'empty'}
	| {type: 'done'; ret?: string};

/** Lets a long-running command (listen, =follow=) keep answering until it is cancelled. */
export interface CommandContext {
	user: ApiUser;
	/** Set while configuration is loaded (an import): changes are not logged as a user's. */
	quiet?: boolean;
	/** Set when the caller reads the replies as soon as execute returns (router.run). */
	inProcess?: boolean;
	emit(sentence: ReplySentence): void;
	/** Registers what to do when the client cancels this command or disconnects. */
	onCancel(stop: () => void): void;
}

/**
 * Answers one request. A finite command emits its replies and a final `done` before
 * returning; a streaming one keeps emitting `re` until cancelled, then emits the trap
 * `interrupted` and `done` itself.
 */
export interface CommandExecutor {
	execute(request: ApiRequest, context: CommandContext): void;
}
