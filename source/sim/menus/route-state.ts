import {parseIpv4, parsePrefix, prefixContains} from '../../pcc/addresses.js';
import type {Fields, Item} from '../model/item.js';
import type {SimRouter} from '../router.js';
import {isRunning} from './interfaces.js';
import {addressNetwork} from './ip.js';

/** Where a gateway leads: the interface out, and RouterOS's `immediate-gw` text for it. */
export interface Resolved {
	interface: string;
	immediate: string;
}

/** How many rounds a recursive gateway may take to settle (route via route via route). */
const maxRecursion = 4;

/**
 * Keeps `/ip/route` as a router does: a dynamic connected route for every address on a
 * running interface, and `active`/`inactive`/`immediate-gw` (v6 `gateway-status`) from the
 * gateways' reachability, the distances and the check-gateway results the engine reports.
 */
export class RouteState {
	/** address id → its connected route's id */
	private readonly connected = new Map<number, number>();
	private readonly failed = new Set<number>();
	private busy = false;

	constructor(private readonly router: SimRouter) {}

	/** The engine's check-gateway verdict for one route. */
	setGatewayFailed(routeId: number, failed: boolean): void {
		if (failed === this.failed.has(routeId)) return;
		if (failed) this.failed.add(routeId);
		else this.failed.delete(routeId);
		this.refresh();
	}

	isGatewayFailed(routeId: number): boolean {
		return this.failed.has(routeId);
	}

	refresh(): void {
		if (this.busy) return;
		this.busy = true;
		try {
			this.syncConnected();
			this.computeActive();
		} finally {
			this.busy = false;
		}
	}

	/**
	 * Resolves one gateway (an address, `address%interface` or an interface name) through
	 * the active routes of table main whose scope is within `targetScope`.
	 */
	resolve(gateway: string, targetScope = 10): Resolved | undefined {
		const [address, via] = gateway.split('%');
		if (parseIpv4(address) === undefined) return this.runningInterface(address) ? {interface: address, immediate: address} : undefined;
		if (via !== undefined) return this.runningInterface(via) ? {interface: via, immediate: `${address}%${via}`} : undefined;
		let best: Item | undefined;
		let bestLength = -1;
		for (const route of this.router.rows('/ip/route')) {
			if (route.fields.active !== 'true' || this.tableOf(route) !== 'main') continue;
			if (Number(route.fields.scope ?? 30) > targetScope) continue;
			const dst = route.fields['dst-address'] ?? '0.0.0.0/0';
			const length = parsePrefix(dst)?.length ?? -1;
			if (length > bestLength && prefixContains(dst, address)) {
				best = route;
				bestLength = length;
			}
		}
		if (!best) return undefined;
		if (best.fields.connect === 'true') {
			const out = best.fields.gateway ?? '';
			return {interface: out, immediate: `${address}%${out}`};
		}
		const immediate = best.fields['immediate-gw'];
		const out = immediate?.split('%').at(-1);
		return out ? {interface: out, immediate: immediate!} : undefined;
	}

	private runningInterface(name: string): boolean {
		const item = this.router.findByName('/interface', name);
		return item !== undefined && isRunning(this.router, item);
	}

	private tableOf(route: Item): string {
		const v7 = this.router.version.major >= 7;
		return (v7 ? route.fields['routing-table'] : route.fields['routing-mark']) || 'main';
	}

	private syncConnected(): void {
		const routes = this.router.table('/ip/route');
		const v7 = this.router.version.major >= 7;
		const seen = new Set<number>();
		for (const address of this.router.rows('/ip/address')) {
			const {interface: name = '', address: text = ''} = address.fields;
			const prefix = parsePrefix(text);
			if (address.fields.disabled === 'true' || !prefix || !this.router.findByName('/interface', name)) continue;
			seen.add(address.id);
			const wanted: Fields = {
				'dst-address': `${addressNetwork(text)}/${prefix.length}`,
				gateway: name,
				...(v7 ? {'routing-table': 'main'} : {}),
				distance: '0',
				scope: '10',
				'pref-src': text.split('/')[0],
				connect: 'true',
			};
			const existing = this.connected.get(address.id);
			if (existing !== undefined && routes.get(existing)) this.router.update('/ip/route', existing, changed(routes.get(existing)!, wanted));
			else this.connected.set(address.id, this.router.insert('/ip/route', wanted).id);
		}
		for (const [addressId, routeId] of this.connected) {
			if (seen.has(addressId)) continue;
			routes.remove(routeId);
			this.connected.delete(addressId);
		}
	}

	private computeActive(): void {
		const routes = this.router.rows('/ip/route');
		const v7 = this.router.version.major >= 7;
		for (const route of routes) {
			if (route.fields.connect !== 'true') continue;
			const up = route.fields.disabled !== 'true' && this.runningInterface(route.fields.gateway ?? '');
			this.write(route, {active: String(up), ...(v7 ? {inactive: String(!up), 'immediate-gw': route.fields.gateway ?? ''} : {'gateway-status': `${route.fields.gateway} ${up ? 'reachable' : 'unreachable'}`})});
		}
		const statics = routes.filter(route => route.fields.connect !== 'true');
		for (let round = 0; round < maxRecursion; round++) {
			let moved = false;
			const reached = new Map<number, Resolved | null>();
			for (const route of statics) reached.set(route.id, this.reach(route));
			const best = new Map<string, number>();
			for (const route of statics) {
				if (!reached.get(route.id)) continue;
				const group = `${this.tableOf(route)} ${route.fields['dst-address'] ?? '0.0.0.0/0'}`;
				best.set(group, Math.min(best.get(group) ?? Infinity, Number(route.fields.distance ?? 1)));
			}
			const winners = new Map<string, number>();
			for (const route of statics) {
				const resolved = reached.get(route.id);
				const group = `${this.tableOf(route)} ${route.fields['dst-address'] ?? '0.0.0.0/0'}`;
				const chosen = resolved !== null && resolved !== undefined && best.get(group) === Number(route.fields.distance ?? 1);
				// v6 picks one route per destination; v7 spreads over equal ones (ECMP).
				const active = chosen && (v7 || !winners.has(group));
				if (active) winners.set(group, (winners.get(group) ?? 0) + 1);
				const state: Fields = {active: String(active)};
				if (v7) {
					state.inactive = String(route.fields.disabled !== 'true' && !resolved);
					state['immediate-gw'] = resolved?.immediate ?? '';
				} else {
					const gateway = route.fields.gateway ?? '';
					state['gateway-status'] = gateway === '' ? '' : `${gateway} ${resolved ? `reachable via ${resolved.interface}` : 'unreachable'}`;
				}
				moved = this.write(route, state) || moved;
			}
			if (v7) {
				for (const route of statics) {
					const group = `${this.tableOf(route)} ${route.fields['dst-address'] ?? '0.0.0.0/0'}`;
					moved = this.write(route, {ecmp: String(route.fields.active === 'true' && (winners.get(group) ?? 0) > 1)}) || moved;
				}
			}
			if (!moved) return;
		}
	}

	/** Null when the route cannot carry traffic: disabled, failed check, gateway out of reach. */
	private reach(route: Item): Resolved | null {
		if (route.fields.disabled === 'true' || this.failed.has(route.id)) return null;
		if (route.fields.blackhole === 'true' || (route.fields.type && route.fields.type !== 'unicast')) {
			return {interface: '', immediate: ''};
		}
		const targetScope = Number(route.fields['target-scope'] ?? 10);
		for (const gateway of (route.fields.gateway ?? '').split(',')) {
			const resolved = gateway === '' ? undefined : this.resolve(gateway, targetScope);
			if (resolved) return resolved;
		}
		return null;
	}

	private write(route: Item, state: Fields): boolean {
		const changes = changed(route, state);
		if (Object.keys(changes).length === 0) return false;
		this.router.update('/ip/route', route.id, changes);
		return true;
	}
}

function changed(item: Item, wanted: Fields): Fields {
	const changes: Fields = {};
	for (const [name, value] of Object.entries(wanted)) {
		if ((item.fields[name] ?? '') !== value) changes[name] = value;
	}
	return changes;
}
