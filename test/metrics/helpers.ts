import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createServer} from 'node:net';
import {setTimeout as delay} from 'node:timers/promises';
import {cliPath} from '../cli/helpers.js';

/** Why promtool's tests cannot run here, or false when they can. */
export const promtoolSkip: string | false = spawnSync('promtool', ['--version']).status === 0 ? false : 'promtool is not installed (Debian: apt-get install prometheus)';

export interface Served {
	/** `http://HOST:PORT/metrics` */
	url: string;
	child: ChildProcess;
	stderr(): string;
	/** SIGTERM, then the exit code. */
	stop(): Promise<number | null>;
}

/** Runs the built CLI's `serve` on a free port and waits for the line saying where it serves. */
export function startServe(t: {after: (fn: () => Promise<unknown> | void) => void}, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Served> {
	const child = spawn(process.execPath, [cliPath, 'serve', '--listen', '127.0.0.1:0', ...args], {
		env: {...process.env, NO_COLOR: '1', ...env},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stderr!.on('data', chunk => (stderr += chunk));
	const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	const stop = async () => {
		if (child.exitCode === null) child.kill('SIGTERM');
		return exited;
	};
	t.after(stop);
	return new Promise((resolve, reject) => {
		child.stdout!.on('data', chunk => {
			stdout += chunk;
			const url = /serving (http:\/\/\S+\/metrics)/.exec(stdout)?.[1];
			if (url) resolve({url, child, stderr: () => stderr, stop});
		});
		void exited.then(code => reject(new Error(`serve exited ${code} before serving: ${stderr.trim()}`)));
	});
}

/** A port nothing listens on now: bound, then released. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as {port: number};
	await new Promise(resolve => server.close(resolve));
	return port;
}

/** One metric sample of a scrape, e.g. pccmon_wan_connections with its labels. */
export interface ScrapedSample {
	name: string;
	labels: Record<string, string>;
	value: number;
}

/** Reads the Prometheus text format's sample lines (enough for the names and labels pccmon writes). */
export function parseScrape(text: string): ScrapedSample[] {
	return text.split('\n').filter(line => line !== '' && !line.startsWith('#')).map(line => {
		const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
		if (!match) throw new Error(`not a sample line: ${line}`);
		const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
		return {name: match[1], labels, value: Number(match[3])};
	});
}

export async function scrape(url: string): Promise<string> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	return response.text();
}

/** Scrapes until `ok` holds of the samples, for at most `seconds`. */
export async function scrapeUntil(url: string, ok: (samples: ScrapedSample[]) => boolean, what: string, seconds = 30): Promise<{text: string; samples: ScrapedSample[]}> {
	const deadline = Date.now() + seconds * 1000;
	let text = '';
	while (Date.now() < deadline) {
		text = await scrape(url);
		const samples = parseScrape(text);
		if (ok(samples)) return {text, samples};
		await delay(100);
	}
	throw new Error(`never saw ${what} in ${seconds} s; last scrape:\n${text}`);
}

/** The one sample of `name` whose labels include `labels`. */
export function sampleOf(samples: ScrapedSample[], name: string, labels: Record<string, string>): number | undefined {
	const found = samples.filter(sample => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
	if (found.length > 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
	return found[0]?.value;
}
