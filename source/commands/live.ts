import type {CliOptions} from './options.js';

export async function runLive(_options: CliOptions): Promise<number> {
	process.stderr.write('pccmon: the live monitor is not built yet\n');
	return 2;
}
