import {configurationRefused} from '../pcc/problems/configuration.js';
import type {RouterConfig, Topology} from '../pcc/types.js';

/** What loading a configuration into the demo's router left to say: its refused lines and the ports made for it. */
export interface ConfigurationLoad {
	/** Where the configuration came from: a file name, `scenario two-wan`. */
	source: string;
	refused: Array<{line: number; message: string}>;
	created: string[];
}

/** How many refused lines a report or the screen lists before saying how many more there are. */
const shown = 5;

/** Discovery that also reports the refused lines, as the live screen and --once show problems. */
export function discoverWithLoad(discover: (config: RouterConfig) => Topology, load: ConfigurationLoad | undefined): (config: RouterConfig) => Topology {
	const problem = load && configurationRefused(load.source, load.refused);
	if (!problem) return discover;
	return config => {
		const topology = discover(config);
		return {...topology, problems: [problem, ...topology.problems]};
	};
}

/** The `--once` report's lines about the configuration, or none when there is nothing to say. */
export function loadReport(load: ConfigurationLoad | undefined): string[] {
	if (!load || (load.refused.length === 0 && load.created.length === 0)) return [];
	const lines: string[] = [];
	if (load.refused.length > 0) {
		lines.push(`Configuration ${load.source}: ${load.refused.length} ${load.refused.length === 1 ? 'line' : 'lines'} refused`);
		for (const warning of load.refused.slice(0, shown)) lines.push(`  line ${warning.line}: ${warning.message}`);
		if (load.refused.length > shown) lines.push(`  and ${load.refused.length - shown} more (pccmon sim --rsc ${load.source} lists them all)`);
	}
	if (load.created.length > 0) lines.push(`Configuration ${load.source}: created ${load.created.join(', ')} as ethernet ports: it names them but never creates them`);
	return [...lines, ''];
}
