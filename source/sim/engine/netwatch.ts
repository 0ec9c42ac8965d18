import {parseIpv4} from '../../pcc/shared/ipv4.js';
import {formatDate, parseDuration} from '../model/format.js';
import type {Item} from '../model/item.js';
import {paths, type EngineRouter} from './router-port.js';
import {runScript, type ScriptContext} from './scripts.js';

/**
 * Netwatch: each enabled entry pings its host every `interval`; the answer decides `up` or
 * `down` at once (a simple probe has no hysteresis), `since` records the change in the
 * version's date format, the change is logged and the entry's up-script or down-script runs.
 */
export class Netwatch {
	private readonly due = new Map<Item, number>();

	constructor(
		private readonly router: EngineRouter,
		private readonly context: ScriptContext,
		private readonly answers: (address: number) => boolean,
	) {}

	/** Probes every entry whose interval has come round at `now`. */
	tick(now: number): void {
		const table = this.router.table(paths.netwatch);
		const defaultInterval = this.router.version.major >= 7 ? 10_000 : 60_000;
		for (const item of [...this.due.keys()]) if (!table.items.includes(item)) this.due.delete(item);
		for (const item of [...table.items]) {
			if (item.fields.disabled === 'true') {
				this.due.delete(item);
				continue;
			}
			const next = this.due.get(item);
			// A new entry is probed straight away, then every interval.
			if (next !== undefined && next > now) continue;
			const interval = parseDuration(item.fields.interval ?? '') ?? defaultInterval;
			this.due.set(item, now + Math.max(1000, interval));
			this.probe(item, now);
		}
	}

	/** Reboot: statuses start over as unknown. */
	reset(): void {
		this.due.clear();
		const table = this.router.table(paths.netwatch);
		for (const item of table.items) table.set(item.id, {status: 'unknown', since: ''});
	}

	private probe(item: Item, now: number): void {
		const host = item.fields.host ?? '';
		const address = parseIpv4(host);
		const status = address !== undefined && this.answers(address) ? 'up' : 'down';
		if (this.router.version.major >= 7) {
			// Probe tallies move on every probe; written in place, like traffic counters.
			const count = (name: string) => String(Number(item.fields[name] ?? 0) + 1);
			item.fields['done-tests'] = count('done-tests');
			if (status === 'down') item.fields['failed-tests'] = count('failed-tests');
		}
		if (item.fields.status === status) return;
		const table = this.router.table(paths.netwatch);
		table.set(item.id, {status, since: formatDate(now, this.router.version)});
		const name = item.fields.name ?? item.fields.comment ?? host;
		this.router.log('netwatch,info', this.router.version.major >= 7 ? `event ${status} [ type: ${item.fields.type ?? 'simple'}, host: ${host} ] ${name === host ? '' : name}`.trim() : `${host} is ${status}`);
		const script = item.fields[status === 'up' ? 'up-script' : 'down-script'];
		if (script) runScript(script, this.context);
	}
}
