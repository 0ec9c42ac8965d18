/**
 * The syntax tree of a RouterOS script (an `/export`, or what people paste into a
 * terminal): statements made of words, each word made of pieces that are evaluated when
 * the statement runs. See docs/rsc-loader.md.
 */

export type RscPiece =
	/** Text as written, escapes decoded; `quoted` when it came from inside `"..."`. */
	| {kind: 'text'; text: string; quoted: boolean}
	/** `$name` or `$"name"`. */
	| {kind: 'variable'; name: string}
	/** `[ ... ]`: a command whose result is the value. */
	| {kind: 'command'; body: RscStatement[]}
	/** `( ... )`. */
	| {kind: 'expression'; expression: RscExpression}
	/**
	 * `{ ... }`: code after `do=`, `on-error=`...; an array literal where a value is wanted
	 * (`elements`, the words of each `;`-separated part); `text` as written, for `source=`.
	 */
	| {kind: 'block'; body: RscStatement[]; elements: RscWord[][]; text: string};

export interface RscWord {
	pieces: RscPiece[];
	line: number;
}

/** One argument: `name=value`, `name!=value`, `name~value`, or a bare word (name undefined). */
export interface RscArgument {
	name?: string;
	op?: '=' | '!=' | '~';
	value: RscWord;
}

export type RscExpression =
	| {kind: 'value'; word: RscWord}
	| {kind: 'unary'; op: '!' | '-'; operand: RscExpression}
	| {kind: 'binary'; op: string; left: RscExpression; right: RscExpression};

export type RscStatement =
	/** `/ip firewall mangle` alone: later relative commands in this block run there. */
	| {kind: 'section'; line: number; path: string[]}
	/**
	 * A menu command. `absolute` when written from the root (`/ip route add`); otherwise
	 * `path` is relative to the block's current section.
	 */
	| {kind: 'command'; line: number; absolute: boolean; path: string[]; verb: string; args: RscArgument[]}
	/** A scripting command: `:local`, `:if`, `:foreach` (name without the colon). */
	| {kind: 'script'; line: number; name: string; args: RscArgument[]}
	| {kind: 'block'; line: number; body: RscStatement[]}
	/** A lone value (`"wan1"`, `$x`, `"k"=v`): an array element, or what `[ ]` returns. */
	| {kind: 'value'; line: number; word: RscWord}
	/** A line that is not RouterOS syntax: reported, never run. */
	| {kind: 'unreadable'; line: number; message: string};

/** Verbs the menus answer to; a path word that is one of these ends the path. */
export const verbs: ReadonlySet<string> = new Set([
	'add', 'set', 'remove', 'enable', 'disable', 'move', 'unset', 'comment', 'reset', 'flush',
	'reset-counters', 'reset-counters-all', 'print', 'export', 'find', 'get', 'edit', 'monitor',
]);

/** Scripting commands people write without their colon (`if (...) do={...}` in netwatch scripts). */
export const bareScriptCommands: ReadonlySet<string> = new Set(['if', 'foreach', 'for', 'while', 'local', 'global', 'log', 'put', 'delay']);

/** The literal text of a word when it has no variable, command or expression in it. */
export function literal(word: RscWord): string | undefined {
	let text = '';
	for (const piece of word.pieces) {
		if (piece.kind !== 'text') return undefined;
		text += piece.text;
	}
	return text;
}

/** The statement lists inside a word: `[ ... ]`, `{ ... }`, and those inside `( ... )`. */
export function* nestedBodies(word: RscWord): Generator<{kind: 'block' | 'command'; body: RscStatement[]}> {
	for (const piece of word.pieces) {
		if (piece.kind === 'block' || piece.kind === 'command') yield piece;
		if (piece.kind === 'expression') yield* expressionBodies(piece.expression);
	}
}

function* expressionBodies(expression: RscExpression): Generator<{kind: 'block' | 'command'; body: RscStatement[]}> {
	if (expression.kind === 'value') yield* nestedBodies(expression.word);
	else if (expression.kind === 'unary') yield* expressionBodies(expression.operand);
	else {
		yield* expressionBodies(expression.left);
		yield* expressionBodies(expression.right);
	}
}

/** Every statement of a tree, blocks and `do={...}` bodies included, in written order. */
export function* walk(statements: readonly RscStatement[]): Generator<RscStatement> {
	for (const statement of statements) {
		yield statement;
		if (statement.kind === 'block') yield* walk(statement.body);
		if (statement.kind === 'command' || statement.kind === 'script') {
			for (const argument of statement.args) {
				for (const nested of nestedBodies(argument.value)) yield* walk(nested.body);
			}
		}
	}
}
