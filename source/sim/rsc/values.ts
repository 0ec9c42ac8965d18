/**
 * Values a RouterOS script computes with: strings, numbers, booleans, arrays (of ids from a
 * find, or written as `{a;b}`), key-value arrays (`{"a"=1}`) and nothing.
 */
export type RscValue = string | number | boolean | RscValue[] | Map<string, RscValue> | undefined;

/** A value where a command wants text: arrays join with commas, as RouterOS prints them. */
export function toText(value: RscValue): string {
	if (value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (value instanceof Map) return [...value.values()].map(toText).join(';');
	return value.map(toText).join(',');
}

function toNumber(value: RscValue): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
	return undefined;
}

export function truthy(value: RscValue): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (typeof value === 'string') return value === 'true' || value === 'yes';
	return value !== undefined;
}

function equal(left: RscValue, right: RscValue): boolean {
	const a = toNumber(left);
	const b = toNumber(right);
	if (a !== undefined && b !== undefined) return a === b;
	if (typeof left === 'boolean' || typeof right === 'boolean') return truthy(left) === truthy(right);
	return toText(left) === toText(right);
}

export class ScriptError extends Error {}

/** A binary operator on two evaluated operands. */
export function operate(op: string, left: RscValue, right: RscValue): RscValue {
	switch (op) {
		case '.':
			return toText(left) + toText(right);
		case '=':
			return equal(left, right);
		case '!=':
			return !equal(left, right);
		case '&&':
		case 'and':
			return truthy(left) && truthy(right);
		case '||':
		case 'or':
			return truthy(left) || truthy(right);
		case '~':
			try {
				return new RegExp(toText(right)).test(toText(left));
			} catch {
				throw new ScriptError(`invalid regular expression "${toText(right)}"`);
			}
		case 'in':
			return Array.isArray(right) ? right.some(item => equal(item, left)) : toText(right).split(',').includes(toText(left));
		case '->':
			if (right === undefined) return undefined;
			if (left instanceof Map) return left.get(toText(right));
			return Array.isArray(left) ? left[toNumber(right) ?? -1] : undefined;
	}
	const a = toNumber(left);
	const b = toNumber(right);
	if (a === undefined || b === undefined) {
		if (op === '+' && Array.isArray(left)) return [...left, ...(Array.isArray(right) ? right : [right])];
		if (op === '<' || op === '>' || op === '<=' || op === '>=') return compareText(op, toText(left), toText(right));
		throw new ScriptError(`cannot compute ${toText(left) || '""'} ${op} ${toText(right) || '""'}`);
	}
	switch (op) {
		case '+':
			return a + b;
		case '-':
			return a - b;
		case '*':
			return a * b;
		case '/':
			if (b === 0) throw new ScriptError('division by zero');
			return Math.trunc(a / b);
		case '%':
			return b === 0 ? 0 : a % b;
		default:
			return compareNumbers(op, a, b);
	}
}

function compareNumbers(op: string, a: number, b: number): boolean {
	return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
}

function compareText(op: string, a: string, b: string): boolean {
	const order = a < b ? -1 : a > b ? 1 : 0;
	return compareNumbers(op, order, 0);
}

/** `:len`, `:pick`, `:tostr` and the other value commands scripts use inside `[ ]`. */
export function valueCommand(name: string, args: RscValue[]): RscValue | 'unknown' {
	const [first, second, third] = args;
	switch (name) {
		case 'len':
			if (Array.isArray(first)) return first.length;
			if (first instanceof Map) return first.size;
			return toText(first).length;
		case 'pick': {
			const start = toNumber(second) ?? 0;
			const end = third === undefined ? start + 1 : toNumber(third) ?? start + 1;
			if (Array.isArray(first)) return third === undefined ? first[start] : first.slice(start, end);
			return toText(first).slice(start, end);
		}
		case 'find': {
			if (Array.isArray(first)) {
				const index = first.findIndex(item => equal(item, second));
				return index === -1 ? undefined : index;
			}
			const index = toText(first).indexOf(toText(second), toNumber(third) === undefined ? 0 : toNumber(third)! + 1);
			return index === -1 ? undefined : index;
		}
		case 'tostr':
			return toText(first);
		case 'tonum':
			return toNumber(first);
		case 'tobool':
			return truthy(first);
		case 'toarray':
			return Array.isArray(first) ? first : toText(first) === '' ? [] : toText(first).split(',');
		case 'toip':
		case 'totime':
		case 'toid':
			return first;
		case 'typeof':
			if (first === undefined) return 'nothing';
			if (typeof first === 'number') return 'num';
			if (typeof first === 'boolean') return 'bool';
			if (Array.isArray(first) || first instanceof Map) return 'array';
			return 'str';
		case 'resolve':
			// No DNS inside the simulator: a name stands for itself.
			return first;
	}
	return 'unknown';
}
