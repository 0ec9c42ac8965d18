/**
 * Code points one column wide that never join a neighbour into one grapheme: printable ASCII
 * and Latin-1, punctuation, arrows, maths, box drawing, blocks and shapes (less the two
 * shapes drawn as emoji), and the few dingbats the screen uses. Nearly every character
 * pccmon draws is one; text made only of these needs no grapheme segmenter or emoji
 * expression to measure or split. test/ui/ink-caches checks every one against the libraries.
 */
export const narrowRanges: ReadonlyArray<readonly [number, number]> = [
	[0x20, 0x7e],
	[0xa0, 0xac],
	[0xae, 0xff],
	[0x2010, 0x2027],
	[0x2030, 0x205e],
	[0x2190, 0x22ff],
	[0x2500, 0x25fc],
	[0x25ff, 0x25ff],
	[0x26a0, 0x26a0],
	[0x2713, 0x2713],
	[0x2717, 0x2717],
	[0x275a, 0x275a],
];

const table = new Uint8Array(0x10000);
for (const [from, to] of narrowRanges) table.fill(1, from, to + 1);

/** True when every UTF-16 unit of `text` is a narrow character (so none is a surrogate). */
export function allNarrow(text: string, from = 0, to = text.length): boolean {
	for (let index = from; index < to; index++) {
		if (table[text.charCodeAt(index)] === 0) return false;
	}
	return true;
}

/** Colour and style sequences: the only escapes in the text Ink lays out for pccmon. */
export const sgrSequence = /\u001B\[[\d;]*m/g;
