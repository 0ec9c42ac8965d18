import type {Problem, ProblemCode} from '../types.js';

export function problem(code: ProblemCode, subject: string, severity: Problem['severity'], message: string): Problem {
	return {code, subject, message, severity};
}

/** `code:subject`, or the code alone for a finding about the whole configuration. */
export function problemName(item: Pick<Problem, 'code' | 'subject'>): string {
	return item.subject ? `${item.code}:${item.subject}` : item.code;
}

/** One finding as the reports print it: severity, name, what to do. */
export function problemLine(item: Problem): string {
	return `${item.severity === 'error' ? 'error  ' : 'warning'}  ${problemName(item)}  ${item.message}`;
}

/** How many findings are errors and how many warnings. */
export function severityCounts(problems: readonly Problem[]): {errors: number; warnings: number} {
	const errors = problems.filter(item => item.severity === 'error').length;
	return {errors, warnings: problems.length - errors};
}

/** `2 errors, 8 warnings`. */
export function problemCount(problems: readonly Problem[]): string {
	const {errors, warnings} = severityCounts(problems);
	return `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
}

/** Keeps the first finding per code and subject: one line per thing to fix. */
export function unique(problems: readonly Problem[]): Problem[] {
	const seen = new Set<string>();
	return problems.filter(item => {
		const key = `${item.code}\0${item.subject}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
