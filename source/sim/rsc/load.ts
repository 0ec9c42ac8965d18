import type {Fields} from '../model/item.js';
import type {SimRouter} from '../router.js';
import type {RscCommand, RscCondition, RscScript, RscSelector, RscWarning} from './parse.js';

/** Verbs that only show things: running them changes nothing, so a loader passes over them. */
const displayVerbs = new Set(['print', 'export', 'find', 'get', 'monitor', 'edit']);

/** How a command is written in an export, for messages: `/ip firewall mangle add`. */
function cliName(command: RscCommand): string {
	return `/${command.path.slice(1).replaceAll('/', ' ')} ${command.verb}`;
}

/** Values as a script writes them (`yes`) against values as print shows them (`true`). */
function sameValue(shown: string | undefined, wanted: string): boolean {
	const value = shown ?? '';
	if (value === wanted) return true;
	if (wanted === 'yes') return value === 'true';
	if (wanted === 'no') return value === 'false' || value === '';
	return false;
}

function matches(row: Fields, condition: RscCondition, pattern: RegExp | undefined): boolean {
	const value = row[condition.name];
	switch (condition.op) {
		case '=':
			return sameValue(value, condition.value);
		case '!=':
			return !sameValue(value, condition.value);
		case '~':
			return value !== undefined && pattern !== undefined && pattern.test(value);
	}
}

class CommandProblem extends Error {}

/** The menu's rows as print numbers them, each with its `.id`. */
function printRows(router: SimRouter, command: RscCommand): Fields[] {
	const result = router.run(`${command.path}/print`, {}, {quiet: true});
	if (result.traps.length > 0) throw new CommandProblem(result.traps.join('; '));
	return result.rows;
}

function idAtIndex(rows: Fields[], text: string): string {
	if (text.startsWith('*')) return text;
	const row = rows[Number(text)];
	if (!row?.['.id']) throw new CommandProblem(`no such item (${text})`);
	return row['.id'];
}

/** The `.id` list a selector stands for; undefined when nothing matched. */
function resolveSelector(router: SimRouter, command: RscCommand, selector: RscSelector): string | undefined {
	const rows = printRows(router, command);
	if (selector.kind === 'numbers') return selector.numbers.map(number => idAtIndex(rows, number)).join(',');
	const patterns = selector.conditions.map(condition => {
		if (condition.op !== '~') return undefined;
		try {
			return new RegExp(condition.value);
		} catch {
			throw new CommandProblem(`invalid regular expression "${condition.value}"`);
		}
	});
	const ids = rows
		.filter(row => selector.conditions.every((condition, index) => matches(row, condition, patterns[index])))
		.map(row => row['.id'])
		.filter((id): id is string => id !== undefined);
	return ids.length > 0 ? ids.join(',') : undefined;
}

/**
 * The API attributes for a command: the selector becomes `.id`, and print numbers in
 * `place-before` / `destination` become the ids they stand for, as the CLI resolves them.
 */
function apiAttributes(router: SimRouter, command: RscCommand): Array<[string, string]> | 'nothing-matched' {
	const attributes: Array<[string, string]> = [];
	let rows: Fields[] | undefined;
	for (const [name, value] of command.attributes) {
		if ((name === 'place-before' || name === 'destination') && /^\d+$/.test(value)) {
			rows ??= printRows(router, command);
			// place-before past the last rule appends, as on a router.
			if (Number(value) >= rows.length) continue;
			attributes.push([name, idAtIndex(rows, value)]);
		} else {
			attributes.push([name, value]);
		}
	}
	if (command.selector) {
		const ids = resolveSelector(router, command, command.selector);
		if (ids === undefined) return 'nothing-matched';
		attributes.unshift(['.id', ids]);
	}
	return attributes;
}

export interface LoadResult {
	/** Commands the router took. */
	applied: number;
	/** Commands it refused or could not read, with the router's reason and the line. */
	warnings: RscWarning[];
}

/**
 * Runs a parsed export against the router as `/import` would: each command goes through
 * the router's own command executor as a full-rights user, so validation (unknown menus and
 * properties, bad values such as a comma-separated PCC remainder list) is the router's. A
 * refused command becomes a warning quoting the router and the rest still runs.
 */
export function loadRsc(router: SimRouter, script: RscScript): LoadResult {
	const warnings: RscWarning[] = [...script.warnings];
	let applied = 0;
	for (const command of script.commands) {
		if (displayVerbs.has(command.verb)) continue;
		try {
			const attributes = apiAttributes(router, command);
			if (attributes === 'nothing-matched') {
				// Removing what is not there is done; a set that reaches nothing is likely a typo.
				if (command.verb === 'remove') continue;
				warnings.push({line: command.line, message: `${cliName(command)}: no item matches the find; nothing changed`});
				continue;
			}
			const result = router.run(`${command.path}/${command.verb}`, attributes, {quiet: true});
			if (result.traps.length > 0) throw new CommandProblem(result.traps.join('; '));
			applied++;
		} catch (error) {
			if (!(error instanceof CommandProblem)) throw error;
			warnings.push({line: command.line, message: `${cliName(command)}: ${error.message}`});
		}
	}
	warnings.sort((a, b) => a.line - b.line);
	return {applied, warnings};
}
