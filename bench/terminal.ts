import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {cliPath} from './dist.js';
import {cpuSeconds, residentBytes} from './proc.js';
import {ScreenModel, showsWanData} from './screen-model.js';

export const terminalSize = {columns: 120, rows: 40};
const scenario = 'three-wan-weighted';
const wans = 3;

/** A command running under `script` in a pseudo-terminal of the bench's terminal size. */
export class PtyRun {
	readonly model = new ScreenModel(terminalSize.rows);
	/** Terminal output bytes of the program (the pid line excluded). */
	bytes = 0;
	updates = 0;
	fullFrameBytes = 0;
	pid: number | undefined;
	private readonly child: ChildProcess;
	private readonly exited: Promise<void>;
	private readonly waiters = new Set<() => void>();
	private head = '';

	/** `read: false` only counts bytes (a program other than pccmon draws its own way). */
	constructor(command: string, env: NodeJS.ProcessEnv = {}, private readonly read = true) {
		const {columns, rows} = terminalSize;
		// exec: the shell's pid becomes the program's, so $$ names the process to watch.
		const shell = `stty cols ${columns} rows ${rows}; echo "PTY_PID=$$"; exec ${command}`;
		this.child = spawn('script', ['-qfc', shell, '/dev/null'], {
			stdio: ['pipe', 'pipe', 'inherit'],
			env: {...process.env, TERM: 'xterm-256color', ...env},
		});
		this.exited = new Promise(resolve => this.child.once('exit', () => resolve()));
		this.child.stdout!.setEncoding('utf8');
		this.child.stdout!.on('data', (chunk: string) => this.receive(chunk));
	}

	/** Resolves when `check` holds, checked after every chunk of output; rejects after `ms`. */
	until(check: () => boolean, ms: number, what: string): Promise<void> {
		if (check()) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiters.delete(waiter);
				reject(new Error(`no ${what} within ${ms / 1000} s; screen:\n${this.model.text().join('\n')}`));
			}, ms);
			const waiter = () => {
				if (!check()) return;
				clearTimeout(timer);
				this.waiters.delete(waiter);
				resolve();
			};
			this.waiters.add(waiter);
		});
	}

	/** Presses q and waits for the program to end; kills it after five seconds. */
	async quit(): Promise<void> {
		this.child.stdin!.write('q');
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
		await this.exited;
		clearTimeout(timer);
	}

	private receive(chunk: string): void {
		if (this.pid === undefined) {
			this.head += chunk;
			const match = /PTY_PID=(\d+)\r?\n/.exec(this.head);
			if (!match) return;
			this.pid = Number(match[1]);
			chunk = this.head.slice(match.index + match[0].length);
			this.head = '';
		}
		this.bytes += Buffer.byteLength(chunk);
		if (!this.read) return;
		for (const update of this.model.feed(chunk)) {
			this.updates++;
			this.fullFrameBytes += update.fullFrameBytes;
		}
		for (const waiter of [...this.waiters]) waiter();
	}
}

export function hasData(run: PtyRun): boolean {
	return showsWanData(run.model.text(), wans);
}

export interface Startup {
	/** From the command until the WAN rows show data. */
	wallMs: number;
	/** CPU time pccmon had used by then: what the wall time comes down to on an idle machine. */
	cpuMs: number;
}

/** `pccmon --demo` in a pseudo-terminal, from the command until the WAN rows show data. */
export async function startupOnce(env: NodeJS.ProcessEnv = {}): Promise<Startup> {
	const startedAt = performance.now();
	const run = new PtyRun(`node ${cliPath} --demo --scenario ${scenario}`, env);
	try {
		let cpuMs = Number.NaN;
		await run.until(() => {
			if (!hasData(run)) return false;
			cpuMs = cpuSeconds(run.pid!) * 1000;
			return true;
		}, 30_000, 'WAN rows with data');
		return {wallMs: performance.now() - startedAt, cpuMs};
	} finally {
		await run.quit();
	}
}

/** `pccmon sim` in its own process, so the monitor's figures are its own. */
export async function startSimProcess(): Promise<{child: ChildProcess; address: string}> {
	const child = spawn(process.execPath, [cliPath, 'sim', '--port', '0', '--scenario', scenario], {stdio: ['ignore', 'pipe', 'inherit']});
	child.stdout!.setEncoding('utf8');
	let seen = '';
	const address = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('pccmon sim did not say where it listens within 20 s')), 20_000);
		child.stdout!.on('data', (chunk: string) => {
			seen += chunk;
			const match = /listening on (\S+)/.exec(seen);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.once('exit', code => reject(new Error(`pccmon sim ended (${code})`)));
	});
	return {child, address};
}

export interface SteadyResult {
	windowMs: number;
	/** CPU of the pccmon process over the window, as a share of one core. */
	cpuPercent: number;
	warmupMs: number;
	/** The same over the warm-up, from the first data: start-up and the JIT's compiling. */
	warmupCpuPercent: number;
	/** The highest resident size sampled, warm-up included. */
	maxRss: number;
	bytesPerSecond: number;
	updates: number;
	bytesPerUpdate: number;
	fullFrameBytesPerUpdate: number;
	/** Bytes per second had every update redrawn the whole screen. */
	fullFrameBytesPerSecond: number;
	/** htop in a terminal of the same size over the same window, or null without htop. */
	htopBytesPerSecond: number | null;
}

/** htop at a 1 s delay, as pccmon's refresh, if installed (Debian's package: apt-get install htop). */
function startHtop(): PtyRun | null {
	const found = spawnSync('sh', ['-c', 'command -v htop'], {encoding: 'utf8'}).stdout.trim();
	return found ? new PtyRun(`${found} -d 10`, {}, false) : null;
}

/**
 * `pccmon 127.0.0.1:PORT --interval 1` on a 120x40 pseudo-terminal watching `pccmon sim`
 * (three WANs): after the first data and a warm-up, CPU, resident size and terminal bytes
 * over `windowMs`. The warm-up is measured too: for the first half minute V8 is still
 * compiling the code each frame runs, at about twice the CPU of the monitor left running.
 */
export async function steady(windowMs: number, warmupMs: number): Promise<SteadyResult> {
	const sim = await startSimProcess();
	let run: PtyRun | undefined;
	let htop: PtyRun | null = null;
	try {
		run = new PtyRun(`node ${cliPath} ${sim.address} --interval 1`, {PCCMON_PASSWORD: ''});
		const pty = run;
		await pty.until(() => hasData(pty), 30_000, 'WAN rows with data');
		const pid = pty.pid!;
		let maxRss = residentBytes(pid);
		const sampler = setInterval(() => {
			maxRss = Math.max(maxRss, residentBytes(pid));
		}, 1000);
		const warm = {at: performance.now(), cpu: cpuSeconds(pid)};
		// Started now, so its first whole screen is drawn before the window opens.
		htop = startHtop();
		await new Promise(resolve => setTimeout(resolve, warmupMs));
		const start = {at: performance.now(), cpu: cpuSeconds(pid), bytes: pty.bytes, updates: pty.updates, full: pty.fullFrameBytes, htop: htop?.bytes ?? 0};
		await new Promise(resolve => setTimeout(resolve, windowMs));
		clearInterval(sampler);
		maxRss = Math.max(maxRss, residentBytes(pid));
		const elapsed = performance.now() - start.at;
		const cpu = cpuSeconds(pid) - start.cpu;
		const bytes = pty.bytes - start.bytes;
		const updates = pty.updates - start.updates;
		const full = pty.fullFrameBytes - start.full;
		const htopBytes = htop ? htop.bytes - start.htop : Number.NaN;
		return {
			windowMs: elapsed,
			cpuPercent: (cpu * 1000 * 100) / elapsed,
			warmupMs: start.at - warm.at,
			warmupCpuPercent: ((start.cpu - warm.cpu) * 1000 * 100) / (start.at - warm.at),
			maxRss,
			bytesPerSecond: (bytes * 1000) / elapsed,
			updates,
			bytesPerUpdate: updates > 0 ? bytes / updates : Number.NaN,
			fullFrameBytesPerUpdate: updates > 0 ? full / updates : Number.NaN,
			fullFrameBytesPerSecond: (full * 1000) / elapsed,
			htopBytesPerSecond: htop ? (htopBytes * 1000) / elapsed : null,
		};
	} finally {
		await Promise.all([run?.quit(), htop?.quit()]);
		sim.child.kill('SIGTERM');
	}
}
