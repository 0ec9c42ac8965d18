import type {CliOptions} from './options.js';

export async function runFlush(_options: CliOptions, _wan: string): Promise<number> {
	process.stderr.write('pccmon: flush is not built yet\n');
	return 2;
}
