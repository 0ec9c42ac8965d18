/**
 * Why a file given as an export is not a RouterOS script at all (a binary backup, a web page
 * saved instead of the export, JSON), or undefined when it may be one. Only what can never be
 * a script is caught; anything else is read and its refused lines are reported one by one.
 */
export function notRouterOsScript(text: string): string | undefined {
	if (text.includes('\u0000')) return 'it is binary (a .backup file?)';
	const replaced = text.match(/\uFFFD/g)?.length ?? 0;
	if (replaced > 0 && replaced > text.length / 100) return 'it is binary, not text';
	const start = text.trimStart().slice(0, 200).toLowerCase();
	if (/^<(!doctype|html|\?xml|head|body|svg)\b/.test(start)) return 'it is a web page (HTML), not the text /export writes';
	if (/^[[{]/.test(start)) {
		try {
			JSON.parse(text);
			return 'it is JSON, not the text /export writes';
		} catch {
			return undefined;
		}
	}
	return undefined;
}
