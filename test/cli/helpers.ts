import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs the built CLI with no terminal, as CI and scripts do. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, input = ''): Promise<CliResult> {
	return runCliAt(cliPath, args, env, input);
}

/** The same for a launcher at another path. */
export function runCliAt(launcher: string, args: string[], env: NodeJS.ProcessEnv = {}, input = ''): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [launcher, ...args], {
			env: {...process.env, NO_COLOR: '1', ...env},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('error', reject);
		child.on('close', code => resolve({code, stdout, stderr}));
		child.stdin.end(input);
	});
}
