import type {ApiRequest, CommandContext, CommandExecutor} from '../../../source/sim/api/types.js';

/**
 * A stand-in command layer for wire tests, with a few commands that each show one reply
 * shape. The real menus live elsewhere; this one only has to be predictable.
 *
 *   /test/print [=rows=N]  N rows (default 3) `.id=*1 name=row1`, then done
 *   /test/echo             one row with the attributes, queries (q0, q1, ...) and user
 *   /test/empty            `!empty`, then done
 *   /test/fail             trap (category 1) `bad value`, then done
 *   /test/add              done with ret=*A
 *   /test/later            one row and done on the next loop turn
 *   /test/listen           streams rows pushed with push(); stop emits interrupted + done
 *   /test/hang             never answers and registers no stop hook
 *   /test/throw            throws
 *   /test/big =size=N      one row whose `data` is N bytes
 */
export class TestExecutor implements CommandExecutor {
	readonly requests: ApiRequest[] = [];
	private readonly listeners = new Set<CommandContext>();
	private stopWaiters: Array<() => void> = [];

	/** Streaming commands running now. */
	get listening(): number {
		return this.listeners.size;
	}

	/** Sends a row to every running /test/listen. */
	push(attributes: Record<string, string>): void {
		for (const context of this.listeners) context.emit({type: 're', attributes});
	}

	/** Resolves once no /test/listen is running. */
	async allStopped(): Promise<void> {
		if (this.listeners.size === 0) return;
		await new Promise<void>(resolve => this.stopWaiters.push(resolve));
	}

	execute(request: ApiRequest, context: CommandContext): void {
		this.requests.push(request);
		const attribute = (name: string) => request.attributes.find(([key]) => key === name)?.[1];
		switch (request.command) {
			case '/test/print': {
				const rows = Number(attribute('rows') ?? 3);
				for (let index = 1; index <= rows; index++) {
					context.emit({type: 're', attributes: {'.id': `*${index.toString(16).toUpperCase()}`, name: `row${index}`}});
				}
				context.emit({type: 'done'});
				return;
			}
			case '/test/echo': {
				const attributes: Record<string, string> = Object.fromEntries(request.attributes);
				request.queries.forEach((query, index) => {
					attributes[`q${index}`] = query;
				});
				attributes.user = `${context.user.name}/${context.user.group}`;
				context.emit({type: 're', attributes});
				context.emit({type: 'done'});
				return;
			}
			case '/test/empty':
				context.emit({type: 'empty'});
				context.emit({type: 'done'});
				return;
			case '/test/fail':
				context.emit({type: 'trap', category: 1, message: 'bad value'});
				context.emit({type: 'done'});
				return;
			case '/test/add':
				context.emit({type: 'done', ret: '*A'});
				return;
			case '/test/later':
				setImmediate(() => {
					context.emit({type: 're', attributes: {name: 'later'}});
					context.emit({type: 'done'});
				});
				return;
			case '/test/listen':
				this.listeners.add(context);
				context.onCancel(() => {
					this.listeners.delete(context);
					context.emit({type: 'trap', category: 2, message: 'interrupted'});
					context.emit({type: 'done'});
					if (this.listeners.size === 0) {
						for (const wake of this.stopWaiters.splice(0)) wake();
					}
				});
				return;
			case '/test/hang':
				return;
			case '/test/throw':
				throw new Error('executor broke');
			case '/test/big':
				context.emit({type: 're', attributes: {data: 'x'.repeat(Number(attribute('size') ?? 0))}});
				context.emit({type: 'done'});
				return;
			default:
				context.emit({type: 'trap', message: 'no such command'});
				context.emit({type: 'done'});
		}
	}
}
