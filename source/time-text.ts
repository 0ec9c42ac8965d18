/**
 * Every time pccmon shows, by one rule. On the screen the local wall clock, `21:37:41`, with
 * the date in front when it is not today; the screen names its zone once (screenZone). In text
 * that leaves the screen (command-line output, reports, `replay --events`) the date and the zone
 * always, `2026-12-01 21:37:41 UTC` or `2026-12-01 21:37:41 +05:30`: it is read later, and
 * maybe somewhere else. Local is the process's zone (TZ).
 */

/** Milliseconds since the epoch, or an ISO time as the audit log holds them. */
export type Moment = number | string;

const two = (value: number): string => String(value).padStart(2, '0');

function dateOf(moment: Moment): Date | null {
	const date = new Date(moment);
	return Number.isNaN(date.getTime()) ? null : date;
}

function dayText(date: Date): string {
	return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

function clockText(date: Date): string {
	return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** The local zone's offset from UTC at that moment: `UTC`, `+05:30`, `-04:00`. */
function offsetText(date: Date): string {
	const minutes = -date.getTimezoneOffset();
	if (minutes === 0) return 'UTC';
	const size = Math.abs(minutes);
	return `${minutes < 0 ? '-' : '+'}${two(Math.floor(size / 60))}:${two(size % 60)}`;
}

/** `21:37:41` when `moment` falls on the same local day as `now`, else `2026-11-30 21:37:41`. */
export function screenTime(moment: Moment, now: number): string {
	const date = dateOf(moment);
	if (!date) return String(moment);
	return dayText(date) === dayText(new Date(now)) ? clockText(date) : `${dayText(date)} ${clockText(date)}`;
}

/** `2026-11-30 21:37:41`: a moment on the screen that is not of now (a recording's), always dated. */
export function screenDateTime(moment: Moment): string {
	const date = dateOf(moment);
	return date ? `${dayText(date)} ${clockText(date)}` : String(moment);
}

/** What the screen says once of the zone its times are in: `UTC`, `UTC+05:30`. */
export function screenZone(now: number): string {
	const offset = offsetText(new Date(now));
	return offset === 'UTC' ? offset : `UTC${offset}`;
}

/** `2026-12-01 21:37:41 UTC`, `2026-12-01 21:37:41 +05:30`: for text that leaves the screen. */
export function fullTime(moment: Moment): string {
	const date = dateOf(moment);
	if (!date) return String(moment);
	return `${dayText(date)} ${clockText(date)} ${offsetText(date)}`;
}
