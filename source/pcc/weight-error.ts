/** A weights request the plan cannot honour, said in one line. */
export class WeightError extends Error {
	override name = 'WeightError';
}
