import type {CliOptions} from './options.js';

export async function runOnce(_options: CliOptions): Promise<number> {
	process.stderr.write('pccmon: --once is not built yet\n');
	return 2;
}
