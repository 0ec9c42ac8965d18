import {identifierWords} from './names.js';
import type {Wan} from './types.js';

/** Where a rule's comment names its bucket (`3/1`), the new bucket takes its place. */
export function renumberComment(comment: string | undefined, from: string, to: string): string | undefined {
	if (comment === undefined) return undefined;
	const escaped = from.replace('/', '\\/');
	return comment.replace(new RegExp(`(^|[^0-9])${escaped}(?![0-9])`, 'g'), `$1${to}`);
}

/**
 * A comment borrowed from another WAN's rule names that WAN (`PCC LAN->WAN2`); the words that
 * name it are swapped for the new WAN's (`PCC LAN->WAN1`), keeping upper case where it was.
 */
export function retargetComment(comment: string | undefined, from: Wan, to: Wan): string | undefined {
	if (comment === undefined || from === to) return comment;
	const swaps = new Map<string, string>();
	const pairs: Array<[string | null, string | null]> = [
		[from.name, to.name], [from.routingMark, to.routingMark], [from.connectionMark, to.connectionMark], [from.interface, to.interface],
	];
	for (const [a, b] of pairs) {
		const fromWords = identifierWords(a ?? '');
		const toWords = identifierWords(b ?? '');
		if (fromWords.length !== toWords.length) continue;
		fromWords.forEach((word, index) => {
			if (!swaps.has(word)) swaps.set(word, toWords[index]);
		});
	}
	return comment.replace(/[A-Za-z0-9]+/g, word => {
		const swap = swaps.get(word.toLowerCase());
		if (swap === undefined) return word;
		return word === word.toUpperCase() ? swap.toUpperCase() : swap;
	});
}
