import type {Fields} from '../model/item.js';
import type {RouterState} from '../model/router-state.js';
import type {MenuAction} from '../menus/spec.js';
import {parseDuration} from '../model/format.js';
import {proplistOf} from './print.js';
import {category, CommandFailure, traps} from './traps.js';
import type {CommandContext} from './types.js';

/**
 * Runs a menu's own command. A repeating one (monitor, torch) answers a round of rows at
 * once and then every `interval` until cancelled or its `duration` is up; `=once=` makes it
 * answer one round and finish, as RouterOS does.
 */
export function runAction(router: RouterState, action: MenuAction, attributes: Fields, context: CommandContext): void {
	if (Object.keys(attributes).some(name => !action.parameters.includes(name))) {
		throw new CommandFailure(traps.unknownParameter);
	}
	const pick = proplistOf(attributes) ?? ((row: Fields) => row);
	let round = 0;
	const answer = () => {
		const result = action.run(router, attributes, round++);
		if (typeof result === 'string') throw new CommandFailure(result, category.general);
		for (const row of result?.rows ?? []) context.emit({type: 're', attributes: pick(row)});
	};
	answer();
	if (action.repeatMs === undefined || 'once' in attributes) {
		context.emit({type: 'done'});
		return;
	}
	const every = parseDuration(attributes.interval ?? '') ?? action.repeatMs;
	const duration = parseDuration(attributes.duration ?? '');
	const stop = () => {
		clearInterval(timer);
		clearTimeout(ending);
	};
	const timer = setInterval(() => {
		try {
			answer();
		} catch (error) {
			stop();
			const failure = error instanceof CommandFailure ? error : new CommandFailure(String(error), category.general);
			context.emit({type: 'trap', message: failure.message, ...(failure.category === undefined ? {} : {category: failure.category})});
			context.emit({type: 'done'});
		}
	}, Math.max(100, every));
	const ending =
		duration === undefined
			? undefined
			: setTimeout(() => {
					stop();
					context.emit({type: 'done'});
				}, duration);
	context.onCancel(() => {
		stop();
		context.emit({type: 'trap', message: traps.interrupted, category: category.interrupted});
		context.emit({type: 'done'});
	});
}
