import {RouterError} from './types.js';

/** Error code of the socket error raised when the peer does not speak the RouterOS API. */
export const notRouterOsCode = 'PCCMON_NOT_ROUTEROS';

/** Where a failure happened, to say what to do about it. */
export interface FailureContext {
	host: string;
	port: number;
	user: string;
	tls: boolean;
	/** --insecure was given: advice to add it would send the user in a circle. */
	insecure?: boolean;
}

/** How far connecting got when it failed. */
export type ConnectPhase = 'tcp' | 'tls' | 'login';

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const unreachableCodes = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const untrustedCodes = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_UNTRUSTED',
	'CERT_SIGNATURE_FAILURE',
	'CERT_REJECTED',
]);

function where(context: FailureContext): string {
	return context.host.includes(':') ? `[${context.host}]:${context.port}` : `${context.host}:${context.port}`;
}

function service(context: FailureContext): string {
	return context.tls ? 'api-ssl' : 'api';
}

/** `code` of a Node socket/TLS error; node-routeros's own exceptions carry `errno` instead. */
function codeOf(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const {code, errno} = error as {code?: unknown; errno?: unknown};
	if (typeof code === 'string') return code;
	return typeof errno === 'string' ? errno : undefined;
}

/** What the first bytes of a non-API answer look like. */
function looksLike(sample: Buffer | undefined): string {
	if (!sample || sample.length === 0) return 'with data that is not the RouterOS API';
	const text = sample.toString('latin1');
	if (text.startsWith('HTTP/') || text.startsWith('<')) return 'like a web server';
	if (text.startsWith('SSH-')) return 'like an SSH server';
	if ((sample[0] === 0x15 || sample[0] === 0x16) && sample[1] === 0x03) return 'with TLS (add --tls for api-ssl)';
	if (/^\d{3}[ -]/.test(text)) return 'like an FTP or mail server';
	return 'with data that is not the RouterOS API';
}

export function notRouterOs(context: FailureContext, sample?: Buffer): RouterError {
	return new RouterError(
		'not-routeros',
		`${where(context)} is not a RouterOS API: it answered ${looksLike(sample)}; the API listens on 8728 (api-ssl 8729), see /ip service print`,
	);
}

/** `ms` is how long we waited; undefined when the operating system gave up. */
export function connectTimeout(context: FailureContext, phase: ConnectPhase, ms?: number): RouterError {
	const seconds = ms === undefined ? '' : ` within ${ms / 1000} s`;
	if (phase === 'tcp') {
		return new RouterError(
			'timeout',
			`no answer from ${where(context)}${seconds}: check the address, and that no firewall drops the ${service(context)} port (/ip service print)`,
		);
	}
	if (phase === 'tls') {
		return new RouterError(
			'tls',
			`TLS handshake with ${where(context)} did not finish${seconds}: is api-ssl enabled on that port (/ip service enable api-ssl)?`,
		);
	}
	return new RouterError(
		'timeout',
		`${where(context)} accepted the connection but did not answer the login${seconds}: is that the RouterOS ${service(context)} port?`,
	);
}

export function loginRefused(context: FailureContext, routerMessage?: string): RouterError {
	const said = routerMessage ? ` (${routerMessage})` : '';
	return new RouterError(
		'login',
		`${context.host} refused the login of user "${context.user}"${said}: wrong user name or password, or the user's group lacks the api policy; set PCCMON_PASSWORD or --password-file`,
		routerMessage,
	);
}

export function fingerprintMismatch(context: FailureContext, actual: string): RouterError {
	return new RouterError(
		'tls',
		`the certificate of ${where(context)} has SHA-256 fingerprint ${actual}, not the one given with --fingerprint: someone may be in between, or the router's certificate changed`,
	);
}

function tlsFailure(context: FailureContext, code: string | undefined, error: unknown): RouterError {
	if (code !== undefined && untrustedCodes.has(code)) {
		return new RouterError(
			'tls',
			`the certificate of ${where(context)} is not trusted (${code}): give the CA that signed it with --ca FILE, or pin the router's certificate with --fingerprint SHA256`,
		);
	}
	if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
		return new RouterError(
			'tls',
			`the certificate of ${where(context)} is not valid now (${code}): renew it on the router, and check the clocks of both machines`,
		);
	}
	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
		return new RouterError(
			'tls',
			`the certificate of ${where(context)} is made out to another name or address: connect by a name the certificate lists, or pin it with --fingerprint SHA256`,
		);
	}
	const detail = code ?? (error instanceof Error && error.message ? error.message : 'connection closed');
	if (context.insecure) {
		return new RouterError(
			'tls',
			`TLS handshake with ${where(context)} failed (${detail}) even with --insecure, which takes any certificate or none over TLS 1.2: is this the api-ssl port, and is api-ssl enabled (/ip service print)?`,
		);
	}
	return new RouterError(
		'tls',
		`TLS handshake with ${where(context)} failed (${detail}): is api-ssl enabled there with a certificate (/ip service set api-ssl certificate=NAME)? A router without one needs --insecure`,
	);
}

function reset(context: FailureContext, phase: ConnectPhase): RouterError {
	if (phase === 'login') {
		return new RouterError(
			'disconnected',
			`${where(context)} dropped the connection during login: check /ip service ${service(context)} (its address= list may exclude this machine)${context.tls ? '' : ', or add --tls if this is the api-ssl port'}`,
		);
	}
	return new RouterError('disconnected', `${where(context)} reset the connection`);
}

/**
 * One RouterError for any way connecting and logging in can fail. `error` is what the socket
 * or node-routeros reported (Node error codes, node-routeros errnos, or a login trap).
 */
export function connectFailure(context: FailureContext, phase: ConnectPhase, error: unknown): RouterError {
	if (error instanceof RouterError) return error;
	const code = codeOf(error);
	if (code !== undefined && dnsCodes.has(code)) {
		return new RouterError('unresolved', `cannot resolve ${context.host}: check the name, or give the router's address`);
	}
	if (code === 'ECONNREFUSED') {
		return new RouterError(
			'refused',
			`${where(context)} refused the connection: is the API service enabled? /ip service enable ${service(context)}`,
		);
	}
	if (code !== undefined && unreachableCodes.has(code)) {
		return new RouterError('unreachable', `cannot reach ${where(context)} (${code}): check the address and this machine's route to the router`);
	}
	if (code === 'ETIMEDOUT') return connectTimeout(context, 'tcp');
	if (code === notRouterOsCode) return notRouterOs(context, (error as {sample?: Buffer}).sample);
	if (phase === 'tls') return tlsFailure(context, code, error);
	if (code === 'CANTLOGIN') return loginRefused(context);
	if (code !== undefined && resetCodes.has(code)) return reset(context, phase);
	if (phase === 'login' && error instanceof Error && !code && error.message) {
		return loginRefused(context, error.message);
	}
	const detail = code ?? (error instanceof Error ? error.message : String(error));
	return new RouterError('disconnected', `connecting to ${where(context)} failed (${detail || 'no reason given'})`);
}

/** The peer closed the connection before login finished, with `!fatal`'s reason if it gave one. */
export function closedWhileConnecting(context: FailureContext, phase: ConnectPhase, fatal?: string): RouterError {
	if (fatal !== undefined) {
		return new RouterError('disconnected', `${where(context)} ended the session during login (${fatal || 'fatal'})`);
	}
	return connectFailure(context, phase, {code: 'ECONNRESET'});
}

/** The connection ended while it was in use. */
export function connectionLost(context: FailureContext, how: {code?: string; fatal?: string; sample?: Buffer}): RouterError {
	if (how.code === notRouterOsCode) return notRouterOs(context, how.sample);
	if (how.fatal !== undefined) {
		return new RouterError('disconnected', `${context.host} closed the connection (${how.fatal || 'fatal'})`);
	}
	if (how.code === 'SOCKTMOUT') return new RouterError('timeout', `${context.host} sent nothing for too long; the connection was dropped`);
	if (how.code !== undefined && resetCodes.has(how.code)) return reset(context, 'tcp');
	if (how.code !== undefined) return new RouterError('disconnected', `the connection to ${context.host} failed (${how.code})`);
	return new RouterError('disconnected', `${context.host} closed the connection`);
}

export function commandTimeout(context: FailureContext, command: string, ms: number): RouterError {
	return new RouterError('timeout', `${context.host} did not answer ${command} within ${ms / 1000} s`);
}

/** The policy a command needs, for the permission message. */
export type Policy = 'read' | 'write';

/** A `!trap` reply, matched by its text (node-routeros keeps only the message). */
export function trapped(context: FailureContext, command: string, routerMessage: string, policy: Policy): RouterError {
	if (/not enough permissions/i.test(routerMessage)) {
		return new RouterError(
			'permission',
			`user "${context.user}" may not run ${command} (${routerMessage}): its group needs the ${policy} policy (/user group set GROUP policy=${policy === 'write' ? 'read,write,api' : 'read,api'})`,
			routerMessage,
		);
	}
	return new RouterError('trap', `${command} failed: ${routerMessage}`, routerMessage);
}
