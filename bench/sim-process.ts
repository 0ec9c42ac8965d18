import {fork, type ChildProcess} from 'node:child_process';
import type {FaultOptions} from '../source/sim/faults.js';
import type {Grown, Memory, SimReply, SimRequest, Started, Walks} from './sim-protocol.js';

/** The bench's handle on a simulated router running in a child process (sim-child.ts). */
export class SimProcess {
	private nextId = 1;
	private readonly waiting = new Map<number, {resolve: (value: unknown) => void; reject: (error: Error) => void}>();
	private exited = false;

	private constructor(private readonly child: ChildProcess) {
		child.on('message', (reply: SimReply) => {
			const entry = this.waiting.get(reply.id);
			if (!entry) return;
			this.waiting.delete(reply.id);
			if (reply.ok) entry.resolve(reply.value);
			else entry.reject(new Error(`simulator: ${reply.error}`));
		});
		child.on('exit', (code, signal) => {
			this.exited = true;
			for (const entry of this.waiting.values()) entry.reject(new Error(`the simulator process ended (${signal ?? code})`));
			this.waiting.clear();
		});
	}

	get pid(): number {
		return this.child.pid ?? -1;
	}

	static async start(scenario: string, connections: number, options: {clock?: 'real'; scanRate?: number} = {}): Promise<{sim: SimProcess; started: Started}> {
		const child = fork(new URL('sim-child.ts', import.meta.url).pathname, [], {
			execArgv: ['--expose-gc', '--import', 'tsx'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const sim = new SimProcess(child);
		const started = await sim.request<Started>({op: 'start', scenario, connections, ...options});
		return {sim, started};
	}

	grow(target: {total: number} | {mark: string; atLeast: number}): Promise<Grown> {
		return this.request<Grown>({op: 'grow', ...target});
	}

	faults(faults: FaultOptions): Promise<void> {
		return this.request<void>({op: 'faults', faults});
	}

	walks(): Promise<Walks> {
		return this.request<Walks>({op: 'walks'});
	}

	memory(): Promise<Memory> {
		return this.request<Memory>({op: 'memory'});
	}

	/** Stops it: politely when it answers within a second, else with SIGKILL (a 1M-row print blocks it). */
	async stop(): Promise<void> {
		if (this.exited) return;
		const exited = new Promise<void>(resolve => this.child.once('exit', () => resolve()));
		const polite = this.request({op: 'close'}).catch(() => undefined);
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 1000);
		await Promise.race([polite.then(() => exited), exited]);
		clearTimeout(timer);
	}

	private request<T>(request: SimRequest): Promise<T> {
		if (this.exited) return Promise.reject(new Error('the simulator process has ended'));
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.waiting.set(id, {resolve: value => resolve(value as T), reject});
			this.child.send({...request, id});
		});
	}
}
