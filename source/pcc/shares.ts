/**
 * `parts` split into `units` whole units in proportion, adding up to exactly `units` (the
 * largest remainder method: each part takes its floor, the largest remainders one more; on a
 * tie the earlier part). Rounding each part on its own can show 48 % and 53 %, 101 % in all;
 * these add up. All zero when the parts are.
 */
export function wholeShares(parts: readonly number[], units: number): number[] {
	const total = parts.reduce((sum, part) => sum + part, 0);
	if (!(total > 0)) return parts.map(() => 0);
	const exact = parts.map(part => (part / total) * units);
	const shares = exact.map(Math.floor);
	const left = units - shares.reduce((sum, share) => sum + share, 0);
	const byRemainder = exact.map((value, index) => ({index, remainder: value - shares[index]})).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
	for (const {index} of byRemainder.slice(0, left)) shares[index]++;
	return shares;
}
