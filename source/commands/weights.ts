import type {CliOptions} from './options.js';

export async function runWeights(_options: CliOptions, _args: string[]): Promise<number> {
	process.stderr.write('pccmon: weights is not built yet\n');
	return 2;
}
