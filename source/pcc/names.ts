/** Words that say nothing about which WAN is meant. */
const generic = new Set(['conn', 'connection', 'connections', 'mark', 'marks', 'route', 'routing', 'table', 'out', 'in', 'pcc', 'lan', 'wan', 'isp', 'link', 'to', 'via']);

function tokens(text: string): string[] {
	return text.toLowerCase().split(/[^a-z0-9]+/).filter(token => token !== '');
}

/**
 * The words of an identifier that can name its WAN in free text: those with a digit
 * (`wan1_conn` → `wan1`, `pppoe-out1` → `out1`), else the non-generic ones.
 */
export function identifierWords(identifier: string): string[] {
	const all = tokens(identifier);
	const numbered = all.filter(token => /\d/.test(token));
	return numbered.length > 0 ? numbered : all.filter(token => token.length >= 3 && !generic.has(token));
}

/** word → WAN, keeping only words that belong to exactly one WAN. */
export function distinctiveWords(wans: ReadonlyArray<{name: string; identifiers: readonly string[]}>): Map<string, string> {
	const owners = new Map<string, Set<string>>();
	for (const wan of wans) {
		for (const identifier of wan.identifiers) {
			for (const word of identifierWords(identifier)) {
				owners.set(word, (owners.get(word) ?? new Set()).add(wan.name));
			}
		}
	}
	const result = new Map<string, string>();
	for (const [word, names] of owners) if (names.size === 1) result.set(word, [...names][0]);
	return result;
}

/** The WANs a comment or script names by one of their distinctive words. */
export function wansNamedIn(text: string | undefined, words: ReadonlyMap<string, string>): Set<string> {
	const named = new Set<string>();
	for (const token of tokens(text ?? '')) {
		const wan = words.get(token);
		if (wan) named.add(wan);
	}
	return named;
}

/** Whether a script mentions an identifier as a whole word (`wan1_conn`, not `wan1_connx`). */
export function mentions(text: string, identifier: string): boolean {
	if (identifier === '') return false;
	const escaped = identifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(^|[^A-Za-z0-9_-])${escaped}($|[^A-Za-z0-9_-])`).test(text);
}
