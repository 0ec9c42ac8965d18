import {isIPv6} from 'node:net';
import {parseIpv4, parsePrefix} from '../../pcc/shared/ipv4.js';
import {printClassifier, readClassifier} from '../model/classifier.js';
import {formatDuration, parseBool, parseDuration} from '../model/format.js';
import type {RouterState} from '../model/router-state.js';
import type {FieldSpec, Reference} from './spec.js';

export type Checked = {value: string} | {error: string};

export function formatIpv4(address: number): string {
	return [24, 16, 8, 0].map(shift => (address >>> shift) & 0xff).join('.');
}

export function maskOf(length: number): number {
	return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

/** `192.168.88.7/24` → `192.168.88.0/24`; a bare address is a /32. */
export function networkOf(text: string): string | undefined {
	const prefix = parsePrefix(text);
	if (!prefix) return undefined;
	return `${formatIpv4((prefix.address & maskOf(prefix.length)) >>> 0)}/${prefix.length}`;
}

function doesNotMatch(name: string): {error: string} {
	return {error: `input does not match any value of ${name}`};
}

function invalid(name: string): {error: string} {
	return {error: `invalid value for argument ${name}`};
}

function checkAddress(text: string): string | undefined {
	const range = /^([\d.]+)-([\d.]+)$/.exec(text);
	if (range) {
		const from = parseIpv4(range[1]);
		const to = parseIpv4(range[2]);
		return from !== undefined && to !== undefined && from <= to ? text : undefined;
	}
	if (!text.includes('/')) return parseIpv4(text) === undefined ? undefined : text;
	const network = networkOf(text);
	// RouterOS shows a single-host network as the bare address.
	return network?.endsWith('/32') ? network.slice(0, -3) : network;
}

function checkPorts(text: string): boolean {
	return text.split(',').every(part => {
		const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
		if (!match) return false;
		const from = Number(match[1]);
		const to = Number(match[2] ?? match[1]);
		return from <= 65535 && to <= 65535 && from <= to;
	});
}

function referenceExists(router: RouterState, reference: Reference, name: string): boolean {
	if (reference.also?.includes(name)) return true;
	return router.findByName(reference.path, name, reference.where) !== undefined;
}

function checkGateway(router: RouterState, text: string): boolean {
	return text.split(',').every(part => {
		// `192.0.2.1@main`: the gateway is looked up in that table (RouterOS 7).
		const [gateway, table] = part.split('@');
		if (table !== undefined && (router.version.major < 7 || !router.findByName('/routing/table', table))) return false;
		const [address, via] = gateway.split('%');
		if (parseIpv4(address) !== undefined) {
			return via === undefined || router.findByName('/interface', via) !== undefined;
		}
		return via === undefined && router.findByName('/interface', address) !== undefined;
	});
}

/** The short form RouterOS prints (RFC 5952: lower case, no leading zeros, `::` once). */
function shortIpv6(address: string): string {
	return new URL(`http://[${address}]`).hostname.slice(1, -1);
}

function checkIpv6Prefix(text: string): string | undefined {
	const [address, length, extra] = text.trim().split('/');
	if (extra !== undefined || !isIPv6(address) || address.includes('%')) return undefined;
	if (length === undefined) return shortIpv6(address);
	return /^\d{1,3}$/.test(length) && Number(length) <= 128 ? `${shortIpv6(address)}/${Number(length)}` : undefined;
}

function checkIpv6Gateway(router: RouterState, text: string): boolean {
	const [address, via, extra] = text.trim().split('%');
	if (extra === undefined && isIPv6(address)) return via === undefined || router.findByName('/interface', via) !== undefined;
	return via === undefined && router.findByName('/interface', address) !== undefined;
}

function checkPlain(router: RouterState, field: FieldSpec, raw: string): Checked {
	const {name} = field;
	switch (field.kind) {
		case 'string':
			return {value: raw};
		case 'bool': {
			const value = parseBool(raw);
			return value === undefined ? doesNotMatch(name) : {value: String(value)};
		}
		case 'int': {
			if (!/^-?\d+$/.test(raw.trim())) return invalid(name);
			const value = Number(raw);
			if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
				return {error: `value of ${name} out of range (${field.min}..${field.max})`};
			}
			return {value: String(value)};
		}
		case 'mtu': {
			if (raw === 'auto') return {value: raw};
			const value = Number(raw);
			if (!/^\d+$/.test(raw) || value < 0 || value > 65535) return {error: `value of ${name} out of range (0..65535)`};
			return {value: String(value)};
		}
		case 'duration': {
			const value = parseDuration(raw);
			return value === undefined ? invalid(name) : {value: formatDuration(value)};
		}
		case 'enum':
			return field.values?.includes(raw) ? {value: raw} : doesNotMatch(name);
		case 'list': {
			const parts = raw.split(',');
			return parts.every(part => field.values?.includes(part)) ? {value: parts.join(',')} : doesNotMatch(name);
		}
		case 'ip':
			return parseIpv4(raw) === undefined ? invalid(name) : {value: raw.trim()};
		case 'ip-prefix': {
			const prefix = parsePrefix(raw);
			if (!prefix) return invalid(name);
			return {value: `${formatIpv4(prefix.address)}/${prefix.length}`};
		}
		case 'network': {
			const value = networkOf(raw);
			return value === undefined ? invalid(name) : {value};
		}
		case 'address': {
			const value = checkAddress(raw.trim());
			return value === undefined ? invalid(name) : {value};
		}
		case 'host': {
			const trimmed = raw.trim();
			if (/^[a-z0-9][a-z0-9.-]*[a-z]$/i.test(trimmed)) return {value: trimmed};
			const value = checkAddress(trimmed);
			return value === undefined ? invalid(name) : {value};
		}
		case 'ports':
			return checkPorts(raw.trim()) ? {value: raw.trim()} : invalid(name);
		case 'mac':
			return /^([0-9A-F]{2}:){5}[0-9A-F]{2}$/i.test(raw) ? {value: raw.toUpperCase()} : invalid(name);
		case 'classifier': {
			const classifier = readClassifier(raw);
			return 'error' in classifier ? classifier : {value: printClassifier(classifier)};
		}
		case 'gateway':
			return checkGateway(router, raw) ? {value: raw} : doesNotMatch(name);
		case 'ipv6-prefix': {
			const value = checkIpv6Prefix(raw);
			return value === undefined ? invalid(name) : {value};
		}
		case 'ipv6-gateway':
			return checkIpv6Gateway(router, raw) ? {value: raw.trim()} : doesNotMatch(name);
	}
}

/**
 * Validates one attribute value and returns it as the router stores and prints it. An empty
 * value unsets the field. A negatable matcher keeps its `!`.
 */
export function checkValue(router: RouterState, field: FieldSpec, raw: string): Checked {
	if (raw === '' && field.presence) return {value: 'true'};
	if (raw === '') return field.required ? invalid(field.name) : {value: ''};
	const negated = field.negatable === true && raw.startsWith('!');
	const body = negated ? raw.slice(1) : raw;
	// The classifier carries its own `!` in its grammar.
	if (field.kind === 'classifier') return checkPlain(router, field, raw);
	const checked = checkPlain(router, field, body);
	if ('error' in checked) return checked;
	if (field.ref && !referenceExists(router, field.ref, checked.value)) return doesNotMatch(field.name);
	return {value: negated ? `!${checked.value}` : checked.value};
}

/**
 * How a query reads a field's values, on both sides of a comparison: a boolean in any spelling
 * RouterOS takes (`yes`, `true`, `no`, `false`) as the `true`/`false` it prints, so
 * `?disabled=yes` finds `disabled=true` (docs/simulator-api.md, booleans).
 */
export function queryReaderOf(field: FieldSpec | undefined): ((value: string) => string) | undefined {
	return field?.kind === 'bool' ? readBool : undefined;
}

function readBool(value: string): string {
	const parsed = parseBool(value);
	return parsed === undefined ? value : String(parsed);
}
