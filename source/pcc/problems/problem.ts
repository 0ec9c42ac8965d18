import type {Problem, ProblemCode} from '../types.js';

export function problem(code: ProblemCode, subject: string, severity: Problem['severity'], message: string): Problem {
	return {code, subject, message, severity};
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
