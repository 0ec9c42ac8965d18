import {UsageError, type CliOptions} from './options.js';

/** Picks what to run from the words after the host; returns the process exit code. */
export async function runMode(mode: 'sim' | 'check' | 'serve' | 'replay' | 'client', options: CliOptions, words: string[]): Promise<number> {
	if (mode === 'replay') {
		if (words.length !== 1) throw new UsageError('replay takes one recording: pccmon replay FILE.pccrec');
		const {runReplay} = await import('./replay.js');
		return runReplay(options, words[0]);
	}
	if (mode === 'serve') {
		if (words.length > 0) throw new UsageError(`serve takes no arguments, got "${words.join(' ')}"; name the file with --config`);
		const {runServe} = await import('./serve.js');
		return runServe(options);
	}
	if (mode === 'check') {
		if (words.length !== 1) throw new UsageError('check takes one file: pccmon check FILE.rsc');
		const {runCheck} = await import('./check.js');
		return runCheck(options, words[0]);
	}
	if (mode === 'sim') {
		if (words.length > 0) throw new UsageError(`sim takes no arguments, got "${words.join(' ')}"`);
		const {runSim} = await import('./sim.js');
		return runSim(options);
	}
	if (!options.target && !options.demo) {
		throw new UsageError('give a router address (pccmon 192.168.88.1) or --demo; see pccmon --help');
	}
	if (options.target === 'flush' || options.target === 'weights') {
		throw new UsageError(`the router address is missing: pccmon HOST ${options.target} ... (or --demo ${options.target} ...)`);
	}
	const [action, ...args] = words;
	if (options.stuck && action !== 'flush') throw new UsageError('--stuck goes with flush: pccmon HOST flush WAN --stuck');
	switch (action) {
		case undefined: {
			if (options.once || !process.stdout.isTTY) {
				if (!options.once) process.stderr.write('pccmon: not a terminal, printing one report (--once)\n');
				const {runOnce} = await import('./once.js');
				return runOnce(options);
			}
			// A terminal without cursor addressing would show the screen's escapes as text.
			if (process.env['TERM'] === 'dumb') {
				throw new UsageError('this terminal (TERM=dumb) cannot show the live screen; use --once for a report, or a terminal such as xterm or tmux');
			}
			const {runScreen} = await import('./live-screen.js');
			return runScreen(options);
		}
		case 'flush': {
			if (args.length !== 1) throw new UsageError('flush takes one WAN: pccmon HOST flush WAN');
			const {runFlush} = await import('./flush.js');
			return runFlush(options, args[0]);
		}
		case 'weights': {
			if (options.undo ? args.length > 0 : args.length === 0) {
				throw new UsageError('weights takes WAN=N pairs (pccmon HOST weights wan1=2 wan2=1) or --undo');
			}
			const {runWeights} = await import('./weights.js');
			return runWeights(options, args);
		}
		default:
			throw new UsageError(`unknown action "${action}": use flush or weights, or nothing for the monitor`);
	}
}
