import type {CliOptions} from './options.js';

/**
 * The live monitor. React's development build costs several times the CPU of its
 * production one, and this screen redraws every second for as long as it runs: unless told
 * otherwise, it runs the production build (chosen when React is first loaded, hence the
 * dynamic import after setting it).
 */
export async function runLive(options: CliOptions): Promise<number> {
	process.env['NODE_ENV'] ??= 'production';
	const {runScreen} = await import('./live-screen.js');
	return runScreen(options);
}
