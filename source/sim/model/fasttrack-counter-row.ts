import type {Item} from './item.js';

/** The comment a router gives the row (docs/simulator-api.md, "Fasttrack"). */
export const fasttrackCounterComment = 'special dummy rule to show fasttrack counters';

/** The dynamic row at the head of the filter list whose counters are the fast path's traffic. */
export function isFasttrackCounterRow(item: Item): boolean {
	return item.fields.dynamic === 'true' && item.fields.comment === fasttrackCounterComment;
}
