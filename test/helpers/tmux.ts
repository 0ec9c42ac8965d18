import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {cliPath} from '../cli/helpers.js';

/** Why a test of the built CLI in a real terminal cannot run here, or false when it can. */
export const tmuxSkip: string | false = spawnSync('tmux', ['-V']).status !== 0
	? 'tmux is not installed'
	: !existsSync(cliPath) ? 'dist/cli.js is missing: run npm run build' : false;

function tmux(...args: string[]): string {
	const result = spawnSync('tmux', args, {encoding: 'utf8'});
	if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr.trim()}`);
	return result.stdout;
}

/**
 * Runs the built CLI with `args` (a shell fragment) in a detached tmux session of the given
 * size, killed when the test ends. The exit code is printed as `PCCMON-EXIT=N` once pccmon
 * has left the alternate screen, so it shows when the shell has its screen back.
 */
export function startInTmux(t: {after: (fn: () => void) => void}, name: string, columns: number, rows: number, args: string, env = '') {
	const session = `${name}-${process.pid}-${columns}x${rows}`;
	tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows),
		`${env} ${process.execPath} ${cliPath} ${args}; echo PCCMON-EXIT=$?; sleep 60`);
	t.after(() => spawnSync('tmux', ['kill-session', '-t', session]));
	const screen = () => tmux('capture-pane', '-p', '-t', session);
	return {
		screen,
		keys: (...keys: string[]) => tmux('send-keys', '-t', session, ...keys),
		resize: (width: number, height: number) => tmux('resize-window', '-t', session, '-x', String(width), '-y', String(height)),
		/** Polls the screen until `ok` holds, for at most `seconds`. */
		async until(ok: (text: string) => boolean, what: string, seconds = 60): Promise<string> {
			const deadline = Date.now() + seconds * 1000;
			let text = '';
			for (let polls = 0; polls < seconds * 10 && Date.now() < deadline; polls++) {
				text = screen();
				if (ok(text)) return text;
				await delay(100);
			}
			throw new Error(`the screen never showed ${what}; it showed:\n${text}`);
		},
	};
}
