import type {Problem} from '../types.js';
import {problem} from './problem.js';

/**
 * Not a check of the set-up: lines of the configuration the demo's router was given that it
 * refused, so it runs without them. Undefined when every line loaded.
 */
export function configurationRefused(source: string, refused: ReadonlyArray<{line: number; message: string}>): Problem | undefined {
	if (refused.length === 0) return undefined;
	const first = refused.slice(0, 3).map(warning => `line ${warning.line}: ${warning.message}`).join('; ');
	const more = refused.length > 3 ? `; and ${refused.length - 3} more` : '';
	const lines = refused.length === 1 ? '1 line was' : `${refused.length} lines were`;
	return problem('configuration-refused', source, 'error',
		`${lines} refused, so the router runs without ${refused.length === 1 ? 'it' : 'them'}: ${first}${more} (pccmon sim --rsc lists them all)`);
}
