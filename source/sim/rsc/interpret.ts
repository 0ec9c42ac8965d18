import type {SimRouter} from '../router.js';
import {cliName, MenuCommands, NothingMatched, type Argument} from './menu-command.js';
import type {RscWarning} from './parse.js';
import type {RscArgument, RscExpression, RscPiece, RscStatement, RscWord} from './tree.js';
import {operate, ScriptError, toText, truthy, valueCommand, type RscValue} from './values.js';

/** Where a statement runs: its variables and the menu relative commands go to. */
interface Frame {
	variables: Map<string, RscValue>;
	parent?: Frame;
	section: string[];
	/** Inside `:do {...} on-error={...}`: a refused command ends the body instead of being reported. */
	catching: boolean;
}

/** `:return` ends the script. */
class Return extends Error {}

/** Loops stop here: a script that never ends would never finish loading. */
const maxIterations = 100_000;

/**
 * Runs a script's statements against a router as RouterOS runs an `/import` with verbose
 * output: each statement in turn; a command the router refuses is reported with its line
 * and the rest still runs (inside `:do { } on-error={ }` it ends the body and the handler
 * runs, as scripts expect). See docs/rsc-loader.md.
 */
export class Interpreter {
	readonly warnings: RscWarning[] = [];
	private readonly globals = new Map<string, RscValue>();
	private readonly commands: MenuCommands;

	constructor(private readonly router: SimRouter) {
		this.commands = new MenuCommands(router);
	}

	/** Commands the router took. */
	get applied(): number {
		return this.commands.applied;
	}

	run(statements: readonly RscStatement[]): void {
		try {
			this.body(statements, {variables: new Map(), section: [], catching: false});
		} catch (error) {
			if (!(error instanceof Return)) throw error;
		}
	}

	private body(statements: readonly RscStatement[], frame: Frame): RscValue {
		let last: RscValue;
		for (const statement of statements) last = this.statement(statement, frame);
		return last;
	}

	private child(frame: Frame, catching = frame.catching): Frame {
		return {variables: new Map(), parent: frame, section: frame.section, catching};
	}

	private statement(statement: RscStatement, frame: Frame): RscValue {
		switch (statement.kind) {
			case 'section':
				frame.section = statement.path;
				return undefined;
			case 'block':
				return this.body(statement.body, this.child(frame));
			case 'unreadable':
				this.warnings.push({line: statement.line, message: statement.message});
				return undefined;
			case 'value':
			case 'command':
			case 'script':
				try {
					if (statement.kind === 'value') return this.word(statement.word, frame);
					return statement.kind === 'command' ? this.menuCommand(statement, frame) : this.script(statement, frame);
				} catch (error) {
					if (!(error instanceof ScriptError)) throw error;
					if (frame.catching && !(error instanceof NothingMatched)) throw error;
					const path = statement.kind === 'command' ? this.path(statement, frame) : [];
					const where =
						statement.kind === 'script' ? `:${statement.name}: ` : statement.kind === 'command' && path.length > 0 ? `${cliName(path, statement.verb)}: ` : '';
					this.warnings.push({line: statement.line, message: error instanceof NothingMatched ? error.message : `${where}${error.message}`});
					return undefined;
				}
		}
	}

	private path(statement: Extract<RscStatement, {kind: 'command'}>, frame: Frame): string[] {
		return statement.absolute ? statement.path : [...frame.section, ...statement.path];
	}

	private menuCommand(statement: Extract<RscStatement, {kind: 'command'}>, frame: Frame): RscValue {
		const path = this.path(statement, frame);
		if (path.length === 0) throw new ScriptError(`"${statement.verb}" outside any menu (no "/section" line before it)`);
		// `[ find ... ]` in a command's arguments looks in that command's menu.
		const inMenu: Frame = {...this.child(frame), section: path};
		const args = statement.args.map(arg => this.argument(arg, inMenu));
		return this.commands.run(path, statement.verb, args);
	}

	private argument(arg: RscArgument, frame: Frame): Argument {
		const only = arg.value.pieces.length === 1 ? arg.value.pieces[0] : undefined;
		// A block given to a property (`source={...}`, `on-event={...}`) is its text.
		const value = only?.kind === 'block' && arg.name !== undefined ? only.text : this.word(arg.value, frame);
		return {name: arg.name, op: arg.op, value};
	}

	// Values.

	word(word: RscWord, frame: Frame): RscValue {
		if (word.pieces.length === 1) return this.piece(word.pieces[0], frame);
		return word.pieces.map(piece => toText(this.piece(piece, frame))).join('');
	}

	private piece(piece: RscPiece, frame: Frame): RscValue {
		switch (piece.kind) {
			case 'text':
				return piece.text;
			case 'variable':
				return this.lookup(piece.name, frame);
			case 'command':
				// A failure inside `[ ]` fails the command it is part of, reported once.
				return this.body(piece.body, this.child(frame, true));
			case 'expression':
				return this.expression(piece.expression, frame);
			case 'block':
				return this.array(piece.elements, frame);
		}
	}

	/** `{a; b}` or `{"k"=v; "l"=w}`. */
	private array(elements: RscWord[][], frame: Frame): RscValue {
		const words = elements.filter(element => element.length > 0);
		const pairs = words.map(element => this.pair(element[0], frame));
		if (pairs.length > 0 && pairs.every(pair => pair.key !== undefined)) {
			return new Map(pairs.map(pair => [pair.key!, pair.value]));
		}
		return words.map(element => this.word(element[0], frame));
	}

	private pair(word: RscWord, frame: Frame): {key?: string; value: RscValue} {
		const at = word.pieces.findIndex(piece => piece.kind === 'text' && !piece.quoted && piece.text.includes('='));
		if (at === -1) return {value: this.word(word, frame)};
		const split = word.pieces[at] as Extract<RscPiece, {kind: 'text'}>;
		const cut = split.text.indexOf('=');
		const keyPieces: RscPiece[] = [...word.pieces.slice(0, at), {...split, text: split.text.slice(0, cut)}];
		const valuePieces: RscPiece[] = [{...split, text: split.text.slice(cut + 1)}, ...word.pieces.slice(at + 1)];
		const clean = (pieces: RscPiece[]) => pieces.filter(piece => piece.kind !== 'text' || piece.text !== '' || piece.quoted);
		return {
			key: toText(this.word({pieces: clean(keyPieces), line: word.line}, frame)),
			value: this.word({pieces: clean(valuePieces), line: word.line}, frame),
		};
	}

	private expression(expression: RscExpression, frame: Frame): RscValue {
		switch (expression.kind) {
			case 'value':
				return this.word(expression.word, frame);
			case 'unary': {
				const value = this.expression(expression.operand, frame);
				return expression.op === '!' ? !truthy(value) : operate('-', 0, value);
			}
			case 'binary':
				return operate(expression.op, this.expression(expression.left, frame), this.expression(expression.right, frame));
		}
	}

	private lookup(name: string, frame: Frame): RscValue {
		for (let at: Frame | undefined = frame; at; at = at.parent) {
			if (at.variables.has(name)) return at.variables.get(name);
		}
		if (this.globals.has(name)) return this.globals.get(name);
		throw new ScriptError(`no such variable $${name}`);
	}

	private assign(name: string, value: RscValue, frame: Frame): void {
		for (let at: Frame | undefined = frame; at; at = at.parent) {
			if (at.variables.has(name)) {
				at.variables.set(name, value);
				return;
			}
		}
		if (this.globals.has(name)) this.globals.set(name, value);
		else frame.variables.set(name, value);
	}

	// Scripting commands.

	private named(statement: Extract<RscStatement, {kind: 'script'}>, name: string): RscArgument | undefined {
		return statement.args.find(arg => arg.name === name);
	}

	private bare(statement: Extract<RscStatement, {kind: 'script'}>): RscArgument[] {
		return statement.args.filter(arg => arg.name === undefined);
	}

	/** The body of `do={...}` (or of a bare `{...}` argument). */
	private code(arg: RscArgument | undefined): RscStatement[] | undefined {
		const only = arg?.value.pieces.length === 1 ? arg.value.pieces[0] : undefined;
		return only?.kind === 'block' ? only.body : undefined;
	}

	private script(statement: Extract<RscStatement, {kind: 'script'}>, frame: Frame): RscValue {
		const bare = this.bare(statement);
		const value = (arg: RscArgument | undefined) => (arg === undefined ? undefined : this.word(arg.value, frame));
		switch (statement.name) {
			case 'local':
			case 'global': {
				const name = toText(value(bare[0]));
				const initial = bare[1] === undefined ? undefined : this.initial(bare[1], frame);
				if (statement.name === 'local') frame.variables.set(name, initial);
				else if (bare[1] !== undefined || !this.globals.has(name)) this.globals.set(name, initial);
				return undefined;
			}
			case 'set':
				this.assign(toText(value(bare[0])), bare[1] === undefined ? undefined : this.initial(bare[1], frame), frame);
				return undefined;
			case 'if': {
				const branch = truthy(value(bare[0])) ? this.named(statement, 'do') : this.named(statement, 'else');
				const body = this.code(branch);
				return body ? this.body(body, this.child(frame)) : undefined;
			}
			case 'for':
				return this.forLoop(statement, frame);
			case 'foreach':
				return this.foreach(statement, frame);
			case 'while':
				return this.whileLoop(statement, frame);
			case 'do':
				return this.doCommand(statement, frame);
			case 'log': {
				const level = toText(value(bare[0]));
				if (['debug', 'error', 'info', 'warning'].includes(level)) {
					this.router.run(`/log/${level}`, {message: toText(value(bare[1]))}, {quiet: true});
				}
				return undefined;
			}
			case 'put':
			case 'delay':
			case 'beep':
			case 'nothing':
				return undefined;
			case 'error':
				throw new ScriptError(toText(value(bare[0])));
			case 'return':
				throw new Return();
		}
		const result = valueCommand(statement.name, bare.map(arg => value(arg)));
		if (result === 'unknown') throw new ScriptError(`the simulator does not run :${statement.name}; skipped`);
		return result;
	}

	/** A variable's value: `{...}` is an array there, not code. */
	private initial(arg: RscArgument, frame: Frame): RscValue {
		return this.word(arg.value, frame);
	}

	private forLoop(statement: Extract<RscStatement, {kind: 'script'}>, frame: Frame): RscValue {
		const name = toText(this.word(this.bare(statement)[0]?.value ?? {pieces: [], line: 0}, frame));
		const number = (arg: string, fallback: number) => {
			const found = this.named(statement, arg);
			const result = found === undefined ? fallback : Number(toText(this.word(found.value, frame)));
			if (!Number.isInteger(result)) throw new ScriptError(`${arg} must be a number`);
			return result;
		};
		const from = number('from', 0);
		const to = number('to', 0);
		const step = number('step', from <= to ? 1 : -1);
		const body = this.code(this.named(statement, 'do'));
		if (!body) throw new ScriptError('missing do={...}');
		let count = 0;
		for (let i = from; step > 0 ? i <= to : i >= to; i += step) {
			if (++count > maxIterations || step === 0) throw new ScriptError('the loop does not end; stopped');
			const inner = this.child(frame);
			inner.variables.set(name, i);
			this.body(body, inner);
		}
		return undefined;
	}

	private foreach(statement: Extract<RscStatement, {kind: 'script'}>, frame: Frame): RscValue {
		const names = toText(this.word(this.bare(statement)[0]?.value ?? {pieces: [], line: 0}, frame)).split(',');
		const source = this.named(statement, 'in');
		const items = source === undefined ? undefined : this.word(source.value, frame);
		const body = this.code(this.named(statement, 'do'));
		if (!body) throw new ScriptError('missing do={...}');
		const entries: Array<[RscValue, RscValue]> =
			items instanceof Map ? [...items] : (Array.isArray(items) ? items : items === undefined ? [] : [items]).map((item, index) => [index, item]);
		for (const [key, item] of entries) {
			const inner = this.child(frame);
			if (names.length > 1) {
				inner.variables.set(names[0], key);
				inner.variables.set(names[1], item);
			} else {
				inner.variables.set(names[0], item);
			}
			this.body(body, inner);
		}
		return undefined;
	}

	private whileLoop(statement: Extract<RscStatement, {kind: 'script'}>, frame: Frame): RscValue {
		const condition = this.bare(statement)[0];
		const body = this.code(this.named(statement, 'do'));
		if (!body || !condition) throw new ScriptError('expected :while (condition) do={...}');
		for (let count = 0; truthy(this.word(condition.value, frame)); count++) {
			if (count >= maxIterations) throw new ScriptError('the loop does not end; stopped');
			this.body(body, this.child(frame));
		}
		return undefined;
	}

	/** `:do {...} on-error={...}` and `:do {...} while=(...)`. */
	private doCommand(statement: Extract<RscStatement, {kind: 'script'}>, frame: Frame): RscValue {
		const body = this.code(this.bare(statement)[0]) ?? this.code(this.named(statement, 'command'));
		if (!body) throw new ScriptError('expected :do {...}');
		const onError = this.named(statement, 'on-error');
		const condition = this.named(statement, 'while');
		if (condition) {
			let count = 0;
			do {
				if (++count > maxIterations) throw new ScriptError('the loop does not end; stopped');
				this.body(body, this.child(frame));
			} while (truthy(this.word(condition.value, frame)));
			return undefined;
		}
		if (!onError) return this.body(body, this.child(frame));
		try {
			return this.body(body, this.child(frame, true));
		} catch (error) {
			if (!(error instanceof ScriptError)) throw error;
			const handler = this.code(onError);
			return handler ? this.body(handler, this.child(frame)) : undefined;
		}
	}
}
