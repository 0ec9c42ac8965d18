import {literal, nestedBodies, walk, type RscStatement, type RscWord} from './tree.js';
import type {RscScript} from './parse.js';

/**
 * Variables whose value is plain text where they are set (`:local wan "ether1"`), so a
 * reading of the script before it runs sees `interface=$wan` as `interface=ether1`. A name
 * set twice to different values is unknown.
 */
type Constants = Map<string, string | undefined>;

function textOf(word: RscWord, constants: Constants): string | undefined {
	let text = '';
	for (const piece of word.pieces) {
		if (piece.kind === 'text') text += piece.text;
		else if (piece.kind === 'variable' && constants.get(piece.name) !== undefined) text += constants.get(piece.name)!;
		else return undefined;
	}
	return text;
}

function remember(statement: RscStatement, constants: Constants): void {
	if (statement.kind !== 'script' || !['local', 'global', 'set'].includes(statement.name)) return;
	const [name, value] = statement.args;
	const key = name && literal(name.value);
	if (key === undefined) return;
	const text = value === undefined ? undefined : textOf(value.value, constants);
	constants.set(key, constants.has(key) && constants.get(key) !== text ? undefined : text);
}

/** A menu command as written, before anything runs: what its literal words say. */
export interface WrittenCommand {
	/** API form, `/ip/firewall/mangle`. */
	path: string;
	verb: string;
	/** `name=value` pairs whose value is plain text (or variables holding plain text). */
	attributes: Array<[name: string, value: string]>;
	/** Literal `name=value` conditions of `[ find ... ]` selectors in the command. */
	finds: Array<[name: string, value: string]>;
	/** Every property named, whatever its value. */
	names: string[];
	line: number;
}

function* commandsIn(statements: readonly RscStatement[], section: string[], constants: Constants): Generator<WrittenCommand> {
	let current = section;
	for (const statement of statements) {
		remember(statement, constants);
		if (statement.kind === 'section') current = statement.path;
		if (statement.kind === 'block') yield* commandsIn(statement.body, current, constants);
		if (statement.kind !== 'command' && statement.kind !== 'script') continue;
		const path = statement.kind === 'script' ? current : statement.absolute ? statement.path : [...current, ...statement.path];
		for (const argument of statement.args) {
			// `[ find ... ]` in a command looks in the command's menu; `do={...}` runs where it stands.
			for (const nested of nestedBodies(argument.value)) yield* commandsIn(nested.body, nested.kind === 'command' ? path : current, constants);
		}
		if (statement.kind !== 'command') continue;
		const attributes: Array<[string, string]> = [];
		const finds: Array<[string, string]> = [];
		for (const argument of statement.args) {
			const value = textOf(argument.value, constants);
			if (argument.name !== undefined && argument.op === '=' && value !== undefined) attributes.push([argument.name, value]);
			for (const nested of nestedBodies(argument.value)) {
				if (nested.kind !== 'command') continue;
				for (const inner of walk(nested.body)) {
					if (inner.kind !== 'command' || inner.verb !== 'find') continue;
					for (const condition of inner.args) {
						const text = textOf(condition.value, constants);
						if (condition.name !== undefined && condition.op === '=' && text !== undefined) finds.push([condition.name, text]);
					}
				}
			}
		}
		const names = statement.args.flatMap(argument => (argument.name === undefined ? [] : [argument.name]));
		yield {path: `/${path.join('/')}`, verb: statement.verb, attributes, finds, names, line: statement.line};
	}
}

/** Every menu command of a script with the menu it runs in, loops and blocks included. */
export function writtenCommands(script: RscScript): WrittenCommand[] {
	return [...commandsIn(script.statements, [], new Map())];
}
