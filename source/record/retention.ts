import {readdirSync, rmSync, statSync} from 'node:fs';
import {join} from 'node:path';

export const recordingSuffix = '.pccrec';

export interface Retention {
	/** The folder is kept under this many bytes, oldest recordings removed first. */
	maxBytes: number;
	/** Recordings older than this are removed. */
	maxAgeMs: number;
}

export const defaultRetention: Retention = {maxBytes: 500 * 1024 ** 2, maxAgeMs: 14 * 24 * 3600 * 1000};

/** `office-gw-20261201-031205.pccrec`: the router, then when the session began (local time). */
export function recordingName(router: string, started: Date): string {
	const two = (value: number) => String(value).padStart(2, '0');
	const day = `${started.getFullYear()}${two(started.getMonth() + 1)}${two(started.getDate())}`;
	const time = `${two(started.getHours())}${two(started.getMinutes())}${two(started.getSeconds())}`;
	const safe = router.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || 'router';
	return `${safe}-${day}-${time}${recordingSuffix}`;
}

/**
 * Removes recordings older than the age limit, then the oldest until the folder is under
 * its size; never `keep`, the one being written. Only `.pccrec` files are touched.
 */
export function pruneRecordings(folder: string, retention: Retention, keep: string, now = Date.now()): string[] {
	let files;
	try {
		files = readdirSync(folder)
			.filter(name => name.endsWith(recordingSuffix))
			.map(name => {
				const path = join(folder, name);
				const stat = statSync(path);
				return {path, size: stat.size, modified: stat.mtimeMs};
			})
			.sort((a, b) => a.modified - b.modified);
	} catch {
		return [];
	}
	const removed: string[] = [];
	let total = files.reduce((sum, file) => sum + file.size, 0);
	for (const file of files) {
		if (file.path === keep) continue;
		if (now - file.modified <= retention.maxAgeMs && total <= retention.maxBytes) continue;
		rmSync(file.path, {force: true});
		total -= file.size;
		removed.push(file.path);
	}
	return removed;
}

/** `500M`, `2G`, `800k` or plain bytes. */
export function parseSize(text: string): number | undefined {
	const match = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*$/.exec(text);
	if (!match) return undefined;
	const unit = {'': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3}[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
	return Math.round(Number(match[1]) * unit);
}
