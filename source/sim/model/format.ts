import {atLeast, type RouterOsVersion} from './version.js';

/** Values as RouterOS prints them (docs/routeros-api.md, "Value formats"): every value is text. */

export function formatBool(value: boolean): string {
	return value ? 'true' : 'false';
}

/** Accepts what RouterOS accepts on input: yes/no and true/false. */
export function parseBool(text: string): boolean | undefined {
	switch (text.trim().toLowerCase()) {
		case 'yes':
		case 'true':
			return true;
		case 'no':
		case 'false':
			return false;
		default:
			return undefined;
	}
}

const durationUnits: Array<[unit: string, ms: number]> = [
	['w', 604_800_000],
	['d', 86_400_000],
	['h', 3_600_000],
	['m', 60_000],
	['s', 1000],
	['ms', 1],
];

/** Compact form with zero units left out: `1w2d3h4m5s`, `5m`, `150ms`; zero is `0s`. */
export function formatDuration(ms: number): string {
	let rest = Math.max(0, Math.round(ms));
	if (rest === 0) return '0s';
	let text = '';
	for (const [unit, size] of durationUnits) {
		const count = Math.floor(rest / size);
		if (count > 0) text += `${count}${unit}`;
		rest -= count * size;
	}
	return text;
}

/**
 * Reads a duration as RouterOS takes it: compact units (`1m30s`, `150ms`), `hh:mm:ss`, or a
 * bare number of seconds. Undefined when the text is none of these.
 */
export function parseDuration(text: string): number | undefined {
	const value = text.trim();
	if (/^\d+$/.test(value)) return Number(value) * 1000;
	const clock = /^(?:(\d+)d\s*)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(value);
	if (clock) {
		const [, days, hours, minutes, seconds, fraction] = clock;
		return (
			(Number(days ?? 0) * 86_400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000 +
			Number((fraction ?? '0').padEnd(3, '0'))
		);
	}
	if (value === '' || !/^(\d+(?:ms|us|w|d|h|m|s))+$/.test(value)) return undefined;
	let total = 0;
	for (const [, count, unit] of value.matchAll(/(\d+)(ms|us|w|d|h|m|s)/g)) {
		total += unit === 'us' ? Number(count) / 1000 : Number(count) * durationUnits.find(([name]) => name === unit)![1];
	}
	return total;
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function two(value: number): string {
	return String(value).padStart(2, '0');
}

/** A simulated-clock instant (ms since the epoch, UTC) as the version prints dates. */
export function formatDate(ms: number, version: RouterOsVersion): string {
	const date = new Date(ms);
	const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
	if (atLeast(version, 7, 10)) {
		return `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ${time}`;
	}
	return `${months[date.getUTCMonth()]}/${two(date.getUTCDate())}/${date.getUTCFullYear()} ${time}`;
}

/** A date and a time of day as formatDate writes them, either version's way, as UTC ms. */
export function parseDate(date: string, time: string): number | undefined {
	const clock = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(time);
	const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const old = /^([a-z]{3})\/(\d{2})\/(\d{4})$/i.exec(date);
	if (!clock || (!iso && !old)) return undefined;
	const [year, month, day] = iso ? [Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])] : [Number(old![3]), months.indexOf(old![1].toLowerCase()), Number(old![2])];
	if (month < 0) return undefined;
	return Date.UTC(year, month, day, Number(clock[1]), Number(clock[2]), Number(clock[3]));
}
