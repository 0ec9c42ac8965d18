import type {ApiRequest, ReplySentence} from '../api/types.js';

export interface TaggedRequest {
	request: ApiRequest;
	/** The `.tag` the client gave; undefined when absent or empty (replies then go untagged). */
	tag: string | undefined;
}

/**
 * Reads a command sentence. `=name=value` splits on the first `=` after the leading one
 * (a word without one is a flag with an empty value); `?` words are queries; `.tag=` is
 * the only API attribute RouterOS defines, so other `.` words are ignored.
 */
export function parseCommand(words: readonly string[]): TaggedRequest {
	const request: ApiRequest = {command: words[0] ?? '', attributes: [], queries: []};
	let tag: string | undefined;
	for (let index = 1; index < words.length; index++) {
		const word = words[index];
		if (word.startsWith('=')) {
			const split = word.indexOf('=', 1);
			request.attributes.push(split === -1 ? [word.slice(1), ''] : [word.slice(1, split), word.slice(split + 1)]);
		} else if (word.startsWith('?')) {
			request.queries.push(word.slice(1));
		} else if (word.startsWith('.tag=')) {
			tag = word.slice(5) || undefined;
		}
	}
	return {request, tag};
}

/** The words of one reply sentence, `.tag` last when the command had one. */
export function replyWords(sentence: ReplySentence, tag: string | undefined): string[] {
	let words: string[];
	switch (sentence.type) {
		case 're':
			words = ['!re'];
			for (const [name, value] of Object.entries(sentence.attributes)) words.push(`=${name}=${value}`);
			break;
		case 'trap':
			words = sentence.category === undefined
				? ['!trap', `=message=${sentence.message}`]
				: ['!trap', `=category=${sentence.category}`, `=message=${sentence.message}`];
			break;
		case 'empty':
			words = ['!empty'];
			break;
		case 'done':
			words = sentence.ret === undefined ? ['!done'] : ['!done', `=ret=${sentence.ret}`];
	}
	if (tag !== undefined) words.push(`.tag=${tag}`);
	return words;
}
