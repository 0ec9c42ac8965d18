import type {CommandContext} from './types.js';

/** RouterOS's own trap texts (docs/routeros-api.md, "Errors"); the `failure:` ones are best guesses. */
export const traps = {
	noSuchItem: 'no such item',
	noSuchCommand: 'no such command',
	noSuchPrefix: 'no such command prefix',
	unknownParameter: 'unknown parameter',
	permissions: 'not enough permissions (9)',
	interrupted: 'interrupted',
	dynamicChange: 'failure: can not change dynamic',
	dynamicRemove: 'failure: can not remove dynamic',
	builtinRemove: 'failure: can not remove builtin',
	/** Moving a dynamic row, or a row to before one (docs/simulator-api.md, "Fasttrack"). */
	builtinMove: 'cannot move builtin',
} as const;

/** Trap categories (docs/routeros-api.md, "Replies"). */
export const category = {missing: 0, argument: 1, interrupted: 2, general: 4} as const;

/** A command that fails answers its traps and then `!done`. */
export function fail(context: CommandContext, message: string, trapCategory?: number): void {
	context.emit({type: 'trap', message, ...(trapCategory === undefined ? {} : {category: trapCategory})});
	context.emit({type: 'done'});
}

/** Raised inside a command to end it with a trap. */
export class CommandFailure extends Error {
	override name = 'CommandFailure';
	constructor(
		message: string,
		readonly category?: number,
	) {
		super(message);
	}
}
