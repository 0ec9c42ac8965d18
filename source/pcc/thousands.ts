/**
 * 1234567 → "1,234,567", as Intl.NumberFormat('en-US') writes it (to three decimals), without
 * ICU: the first NumberFormat of a process loads ICU's number data, some 40 ms of start-up.
 */
export function groupThousands(value: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
	const [whole, fraction] = String(Math.round(value * 1000) / 1000).split('.');
	return whole.replace(/\B(?=(\d{3})+$)/g, ',') + (fraction ? `.${fraction}` : '');
}
