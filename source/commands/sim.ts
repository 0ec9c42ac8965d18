import type {CliOptions} from './options.js';

export async function runSim(_options: CliOptions): Promise<number> {
	process.stderr.write('pccmon: the simulated router is not built yet\n');
	return 2;
}
