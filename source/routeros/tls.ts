import type {ConnectionOptions, TLSSocket} from 'node:tls';
import type {ConnectOptions} from './types.js';

/**
 * A router with api-ssl but no certificate only offers anonymous Diffie-Hellman. OpenSSL 3
 * refuses it unless the security level is lowered, and only up to TLS 1.2 (TLS 1.3 has no
 * anonymous suites). Offered only with --insecure, which already gives up authentication.
 */
// Not DEFAULT: its `!aNULL` would remove the anonymous suites for good, wherever listed.
const insecureCiphers = 'HIGH:ADH-AES256-GCM-SHA384:ADH-AES128-GCM-SHA256:@SECLEVEL=0';

/** `AB:CD:…`, `abcd…` or `sha256:AB…` → 64 lowercase hex digits; undefined when it is not a SHA-256. */
export function normalizeFingerprint(text: string): string | undefined {
	const hex = text.trim().replace(/^sha-?256[:=/]?/i, '').replace(/[:\s]/g, '').toLowerCase();
	return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

/** Node's `AB:CD:…` spelling, which is also how RouterOS shows certificate fingerprints (without colons). */
export function formatFingerprint(hex: string): string {
	return hex.toUpperCase().match(/../g)?.join(':') ?? hex;
}

/** Options for tls.connect; the fingerprint itself is checked on `secureConnect` (see client.ts). */
export function tlsConnectOptions(tls: NonNullable<ConnectOptions['tls']>): ConnectionOptions {
	if (tls.fingerprint !== undefined) {
		// A pinned certificate is usually self-signed, so chain verification cannot pass; the
		// pin replaces it. Checked before the login is sent.
		return {rejectUnauthorized: false};
	}
	if (tls.insecure) return {rejectUnauthorized: false, ciphers: insecureCiphers, maxVersion: 'TLSv1.2'};
	return tls.ca === undefined ? {rejectUnauthorized: true} : {rejectUnauthorized: true, ca: tls.ca};
}

/** The SHA-256 of the peer's certificate as 64 lowercase hex digits, or undefined without one. */
export function peerFingerprint(socket: TLSSocket): string | undefined {
	const certificate = socket.getPeerCertificate();
	const fingerprint = certificate?.fingerprint256;
	return fingerprint ? normalizeFingerprint(fingerprint) : undefined;
}
