import type {Row} from './types.js';

/** RouterOS prints booleans as true/false; exports and older menus say yes/no. */
export function isYes(value: string | undefined): boolean {
	return value === 'true' || value === 'yes';
}

/** Disabled rules do nothing, and neither do ones the router marks invalid. */
export function isEnabled(row: Row): boolean {
	return !isYes(row.disabled) && !isYes(row.invalid);
}

/** A property's value, with unset and empty treated alike. */
export function valueOf(row: Row, name: string): string | undefined {
	const value = row[name];
	return value === undefined || value === '' ? undefined : value;
}

/** Splits a comma list as RouterOS prints it (`established,related`). */
export function listOf(value: string | undefined): string[] {
	if (value === undefined || value === '') return [];
	return value.split(',').map(part => part.trim()).filter(part => part !== '');
}

/** `!name` → {negated, name}. */
export function negation(value: string): {negated: boolean; name: string} {
	return value.startsWith('!') ? {negated: true, name: value.slice(1)} : {negated: false, name: value};
}

export function idOf(row: Row): string {
	return row['.id'] ?? '';
}
