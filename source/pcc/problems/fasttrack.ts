import type {Analysis} from '../analysis.js';
import {matcherValues, walkChain} from '../chains.js';
import type {Problem} from '../types.js';
import {problem} from './problem.js';

/**
 * FastTrack hands a connection's later packets to a path past the firewall, mangle
 * included (docs/checks.md): they get no routing mark and leave by table main. Balancing
 * survives only if marked connections are kept off that path with connection-mark=no-mark.
 */
export function fasttrackBypass(analysis: Analysis): Problem[] {
	if (!analysis.main) return [];
	const unguarded = walkChain(analysis.config.filter, 'forward').filter(rule => rule.row.action === 'fasttrack-connection'
		&& !rule.shadowedBy && !matcherValues(rule, 'connection-mark').includes('no-mark'));
	if (unguarded.length === 0) return [];
	return [problem('fasttrack-bypasses-pcc', '', 'error',
		'a forward-chain fasttrack-connection rule takes PCC-marked connections too, and fasttracked packets skip mangle, so they lose their routing mark and leave by table main; add connection-mark=no-mark to it (or disable it)')];
}
