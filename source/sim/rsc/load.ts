import type {SimRouter} from '../router.js';
import {Interpreter} from './interpret.js';
import type {RscScript, RscWarning} from './parse.js';

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
	const interpreter = new Interpreter(router);
	interpreter.run(script.statements);
	const warnings = [...interpreter.warnings].sort((a, b) => a.line - b.line);
	return {applied: interpreter.applied, warnings};
}
