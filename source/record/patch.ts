/**
 * What turns one JSON-shaped value into the next, for values that mostly stay the same (a
 * router's configuration, re-read with its counters grown). A patch is the new value itself
 * when that is not an object; `{$v: VALUE}` for an object written whole; or `{$p: {KEY:
 * PATCH}, $x?: [KEY]}` for an object or array whose members changed ($p) or went ($x). A
 * changed counter is written under its own key, so a reader's reviver sees its name.
 */
export type Patch = unknown;

type Members = {[key: string]: unknown};

const isObject = (value: unknown): value is Members => typeof value === 'object' && value !== null;

/** Objects of one kind: both arrays of the same length, or both plain objects. */
function sameShape(before: unknown, after: unknown): before is Members {
	if (!isObject(before) || !isObject(after)) return false;
	if (Array.isArray(before) !== Array.isArray(after)) return false;
	return !Array.isArray(before) || before.length === (after as unknown as unknown[]).length;
}

/** The patch from `before` to `after`, or undefined when they are equal. */
export function patchFrom(before: unknown, after: unknown): Patch | undefined {
	if (before === after) return undefined;
	if (!sameShape(before, after)) return isObject(after) ? {$v: after} : after;
	const changed: Members = {};
	// A member set to undefined is one JSON leaves out: gone, as it would be when written whole.
	const gone = Object.keys(before).filter(key => before[key] !== undefined && (after as Members)[key] === undefined);
	for (const [key, value] of Object.entries(after as Members)) {
		if (value === undefined) continue;
		const patch = before[key] !== undefined ? patchFrom(before[key], value) : isObject(value) ? {$v: value} : value;
		if (patch !== undefined) changed[key] = patch;
	}
	if (Object.keys(changed).length === 0 && gone.length === 0) return undefined;
	return gone.length > 0 ? {$p: changed, $x: gone} : {$p: changed};
}

/** `before` with `patch` applied; throws on a patch that is not one. */
export function applyPatch(before: unknown, patch: Patch): unknown {
	if (!isObject(patch)) return patch;
	if ('$v' in patch) return patch['$v'];
	const changed = patch['$p'];
	if (!isObject(changed) || !isObject(before)) throw new Error('not a patch');
	const after: Members = Array.isArray(before) ? ([...before] as unknown as Members) : {...before};
	for (const [key, value] of Object.entries(changed)) after[key] = applyPatch(before[key], value);
	const gone = patch['$x'];
	if (Array.isArray(gone)) for (const key of gone) delete after[String(key)];
	return after;
}
