import {UsageError} from './options.js';

export const defaultIntervalSeconds = 2;
export const minimumIntervalSeconds = 0.5;

/** `--interval SECONDS` as given (undefined when absent, '' when its value is missing). */
export function intervalSeconds(text: string | undefined): number {
	if (text === undefined) return defaultIntervalSeconds;
	const seconds = /^\s*\d*\.?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
	if (Number.isNaN(seconds)) {
		throw new UsageError(`--interval takes a number of seconds, e.g. --interval 5 (got ${text === '' ? 'nothing' : `"${text}"`})`);
	}
	if (seconds < minimumIntervalSeconds) throw new UsageError(`--interval must be at least ${minimumIntervalSeconds} seconds`);
	return seconds;
}
