const two = (value: number): string => String(value).padStart(2, '0');

/** `2025-01-15 10:00:06`: an audit time (ISO, UTC) as the user's local wall clock. */
export function localTime(iso: string): string {
	const time = new Date(iso);
	if (Number.isNaN(time.getTime())) return iso;
	return `${time.getFullYear()}-${two(time.getMonth() + 1)}-${two(time.getDate())} ${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}`;
}
