/** Medians and the units the bench prints figures in. */

export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** 950 B, 4.4 KB, 612 MB: powers of 1024, as the targets (8 KB, 100 MB, 1 GB) mean them. */
export function bytes(value: number): string {
	if (!Number.isFinite(value)) return '–';
	const units = ['B', 'KB', 'MB', 'GB'];
	let scaled = value;
	let unit = 0;
	while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
		scaled /= 1024;
		unit++;
	}
	const digits = unit === 0 || scaled >= 100 ? 0 : 1;
	return `${scaled.toFixed(digits)} ${units[unit]}`;
}

/** 0.8 ms, 42 ms, 1.23 s, 95 s. */
export function duration(ms: number): string {
	if (!Number.isFinite(ms)) return '–';
	if (ms < 10) return `${ms.toFixed(1)} ms`;
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
	return `${Math.round(ms / 1000)} s`;
}

const grouped = new Intl.NumberFormat('en-US');

export function count(value: number): string {
	return Number.isFinite(value) ? grouped.format(Math.round(value)) : '–';
}

/** 10k, 100k, 1M: table sizes in labels. */
export function size(value: number): string {
	if (value >= 1_000_000 && value % 1_000_000 === 0) return `${value / 1_000_000}M`;
	if (value >= 1000 && value % 1000 === 0) return `${value / 1000}k`;
	return count(value);
}

/** How many times larger `to` is than `from`, e.g. `×1.02`, `×98`. */
export function growth(from: number, to: number): string {
	if (!Number.isFinite(from) || !Number.isFinite(to) || from <= 0) return '–';
	const factor = to / from;
	return `×${factor >= 10 ? Math.round(factor) : factor.toFixed(2)}`;
}
