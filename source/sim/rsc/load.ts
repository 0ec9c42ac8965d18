import {boardForModel} from '../model/board.js';
import type {SimRouter} from '../router.js';
import {Interpreter} from './interpret.js';
import type {RscScript, RscWarning} from './parse.js';
import {createNamedPorts} from './ports.js';

export interface LoadResult {
	/** Commands the router took. */
	applied: number;
	/** Commands it refused or could not read, with the router's reason and the line. */
	warnings: RscWarning[];
	/** Ports the export names but never creates, created before it ran (createNamedPorts). */
	created: string[];
}

/**
 * Runs a parsed export against the router as `/import` would: each command goes through
 * the router's own command executor as a full-rights user, so validation (unknown menus and
 * properties, bad values such as a comma-separated PCC remainder list) is the router's. A
 * refused command becomes a warning quoting the router and the rest still runs.
 */
export function loadRsc(router: SimRouter, script: RscScript): LoadResult {
	const knownBoard = script.model !== undefined && boardForModel(script.model).ports !== undefined;
	const created = createNamedPorts(router, script, knownBoard);
	const interpreter = new Interpreter(router);
	interpreter.run(script.statements);
	const warnings = [...interpreter.warnings].sort((a, b) => a.line - b.line);
	return {applied: interpreter.applied, warnings, created};
}

/** The one line that says which ports were created, or undefined when none were. */
export function createdSummary(result: Pick<LoadResult, 'created'>): string | undefined {
	if (result.created.length === 0) return undefined;
	const names = result.created.length > 8 ? `${result.created.slice(0, 8).join(', ')} and ${result.created.length - 8} more` : result.created.join(', ');
	return `created ${names} as ethernet ports: the configuration names them but never creates them`;
}
