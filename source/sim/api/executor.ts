import type {Fields} from '../model/item.js';
import type {RouterState} from '../model/router-state.js';
import {changingVerbs, type CommandRouter, type MenuSpec} from '../menus/spec.js';
import {runAction} from './actions.js';
import {add, enable, move, remove, resetCounters, set, unset} from './change.js';
import {printConnections, removeConnections} from './connections.js';
import {menuFilter, printMenu, printParameters} from './print.js';
import {QueryError} from './query.js';
import {largeMenuRows, type WalkCpu} from './walk-cost.js';
import {category, CommandFailure, fail, traps} from './traps.js';
import type {ApiUser} from '../model/users.js';
import type {ApiRequest, CommandContext, CommandExecutor, ReplySentence} from './types.js';

/** The executor also charges each print's walk to the router's CPU. */
export type ExecutorRouter = CommandRouter & {readonly walks: WalkCpu};

/** Answers `/menu/path/verb` requests against the router's menus. */
export class MenuExecutor implements CommandExecutor {
	/** Every menu path and each of its parents: what a path may start with. */
	private readonly prefixes = new Set<string>();

	constructor(private readonly router: ExecutorRouter) {
		for (const path of router.menuPaths()) {
			const segments = path.split('/').slice(1);
			for (let length = 1; length <= segments.length; length++) {
				this.prefixes.add(`/${segments.slice(0, length).join('/')}`);
			}
		}
	}

	execute(request: ApiRequest, context: CommandContext): void {
		const segments = request.command.split('/').slice(1);
		const verb = segments.at(-1) ?? '';
		const menu = this.router.menu(`/${segments.slice(0, -1).join('/')}`);
		if (!menu || !this.supports(menu, verb)) {
			this.unknown(segments, context);
			return;
		}
		const changes = changingVerbs.has(verb) || menu.actions?.[verb]?.changes === true;
		if (changes && (context.user.group === 'read' || (menu.policy === true && context.user.group !== 'full'))) {
			fail(context, traps.permissions);
			return;
		}
		const attributes: Fields = Object.fromEntries(request.attributes);
		try {
			this.dispatch(menu, verb, attributes, request.queries, context);
		} catch (error) {
			if (error instanceof CommandFailure) fail(context, error.message, error.category);
			else if (error instanceof QueryError) fail(context, error.message, category.argument);
			else throw error;
		}
	}

	private supports(menu: MenuSpec, verb: string): boolean {
		return (menu.verbs as readonly string[]).includes(verb) || menu.actions?.[verb] !== undefined;
	}

	/** docs/routeros-api.md, "Errors": an unknown segment gets two traps; a known path with an unknown verb, one. */
	private unknown(segments: string[], context: CommandContext): void {
		for (let length = 1; length < segments.length; length++) {
			if (this.prefixes.has(`/${segments.slice(0, length).join('/')}`)) continue;
			context.emit({type: 'trap', message: `no such command or directory (${segments[length - 1]})`, category: category.missing});
			fail(context, traps.noSuchPrefix);
			return;
		}
		fail(context, traps.noSuchCommand);
	}

	private dispatch(menu: MenuSpec, verb: string, attributes: Fields, queries: string[], context: CommandContext): void {
		const {router} = this;
		const action = menu.actions?.[verb];
		if (action) {
			runAction(router, action, attributes, context);
			return;
		}
		switch (verb) {
			case 'print':
			case 'getall':
			case 'listen': {
				if (Object.keys(attributes).some(name => !printParameters.has(name))) {
					throw new CommandFailure(traps.unknownParameter);
				}
				const answer = router.walks.answer(context, rowsWalked(router, menu, verb));
				if (menu.conntrack) printConnections(router, menu, attributes, queries, answer);
				else printMenu(router, menu, attributes, menuFilter(menu, queries), answer, verb === 'listen');
				return;
			}
			case 'add':
				context.emit({type: 'done', ret: add(router, menu, attributes, context)});
				return;
			case 'set':
				set(router, menu, attributes, context);
				break;
			case 'unset':
				unset(router, menu, attributes, context);
				break;
			case 'remove':
				if (menu.conntrack) removeConnections(router, attributes);
				else remove(router, menu, attributes, context);
				break;
			case 'enable':
			case 'disable':
				enable(router, menu, attributes, context, verb === 'disable');
				break;
			case 'move':
				move(router, menu, attributes, context);
				break;
			case 'reset-counters':
			case 'reset-counters-all':
				resetCounters(router, menu, attributes, verb === 'reset-counters-all');
				break;
		}
		context.emit({type: 'done'});
	}
}

/** The rows a print evaluates its query against: all of the menu's (listen walks none). */
function rowsWalked(router: RouterState, menu: MenuSpec, verb: string): number {
	if (verb === 'listen') return 0;
	if (menu.conntrack) return router.conntrack.size;
	const rows = router.rows(menu.path).length;
	return rows >= largeMenuRows ? rows : 0;
}

export interface RunOptions {
	queries?: string[];
	/** Defaults to the router's own full-rights account. */
	user?: ApiUser;
	/** Configuration being loaded is not logged as a user's change. */
	quiet?: boolean;
}

/** What a finite command answered, gathered for in-process callers. */
export interface CommandResult {
	replies: ReplySentence[];
	/** The `!re` rows. */
	rows: Fields[];
	/** Trap messages, in order; empty on success. */
	traps: string[];
	/** `!done =ret=`: the new id after add, the count after count-only. */
	ret?: string;
}

export function collect(
	executor: CommandExecutor,
	command: string,
	attributes: Fields | Array<[string, string]>,
	options: RunOptions,
): CommandResult {
	const replies: ReplySentence[] = [];
	const context: CommandContext = {
		user: options.user ?? {name: 'admin', group: 'full'},
		quiet: options.quiet,
		inProcess: true,
		emit: sentence => replies.push(sentence),
		onCancel: () => {},
	};
	const pairs = Array.isArray(attributes) ? attributes : Object.entries(attributes);
	executor.execute({command, attributes: pairs, queries: options.queries ?? []}, context);
	const done = replies.at(-1);
	return {
		replies,
		rows: replies.flatMap(reply => (reply.type === 're' ? [reply.attributes] : [])),
		traps: replies.flatMap(reply => (reply.type === 'trap' ? [reply.message] : [])),
		ret: done?.type === 'done' ? done.ret : undefined,
	};
}
