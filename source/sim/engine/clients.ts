import type {Item} from '../model/item.js';
import type {SimClock} from './clock.js';
import type {NetworkView} from './network.js';
import {paths, type EngineRouter} from './router-port.js';

/** What an upstream DHCP server or PPPoE concentrator hands out. */
export interface Lease {
	/** `address/length`. */
	address: string;
	/** Gateway address (DHCP) or the far end (PPPoE). */
	gateway: string;
}

interface Binding {
	address: Item;
	route: Item | undefined;
}

/** How long a client takes to get its lease, as a router's does on a quiet link. */
const bindDelayMs = {dhcp: 1000, pppoe: 2000};

/**
 * DHCP and PPPoE clients as a router runs them: once enabled on a running interface they
 * bind, get an address (dynamic `/ip/address`) and, with add-default-route, install a
 * dynamic default route in main at default-route-distance; disabled or removed, they let
 * it all go.
 */
export class Clients {
	private readonly bound = new Map<Item, Binding>();
	private readonly pending = new Set<Item>();
	private readonly leases = new Map<string, Lease>();
	private assigned = 0;

	constructor(
		private readonly router: EngineRouter,
		private readonly clock: SimClock,
		private readonly given: Record<string, Lease>,
	) {}

	/** Binds clients that can bind and releases those that no longer can. */
	sync(view: NetworkView): void {
		const dhcp = this.router.table(paths.dhcpClient).items;
		const pppoe = this.router.table(paths.interface).items.filter(item => item.fields.type === 'pppoe-out');
		for (const client of [...dhcp, ...pppoe]) {
			const usable = client.fields.disabled !== 'true' && view.isRunning(client.fields.interface ?? '');
			if (usable && !this.bound.has(client) && !this.pending.has(client)) this.schedule(client, client.fields.type === 'pppoe-out');
			if (!usable && this.bound.has(client)) this.release(client);
		}
		for (const client of [...this.bound.keys()]) if (!dhcp.includes(client) && !pppoe.includes(client)) this.release(client);
	}

	/** Reboot: every lease is gone; `sync` binds again. */
	reset(): void {
		for (const client of [...this.bound.keys()]) this.release(client);
		this.pending.clear();
	}

	private schedule(client: Item, pppoe: boolean): void {
		this.pending.add(client);
		this.clock.at(this.clock.now() + (pppoe ? bindDelayMs.pppoe : bindDelayMs.dhcp), () => {
			if (!this.pending.delete(client)) return;
			if (client.fields.disabled === 'true') return;
			const table = this.router.table(pppoe ? paths.interface : paths.dhcpClient);
			if (!table.items.includes(client)) return;
			this.bind(client, pppoe);
		});
	}

	private leaseFor(client: Item, pppoe: boolean): Lease {
		const name = pppoe ? client.fields.name ?? '' : client.fields.interface ?? '';
		const known = this.given[name] ?? this.leases.get(name);
		if (known) return known;
		const n = this.assigned++;
		const lease = pppoe
			? {address: `100.${80 + n}.20.${2 + n}/32`, gateway: `100.${80 + n}.0.1`}
			: {address: `100.${64 + n}.10.2/24`, gateway: `100.${64 + n}.10.1`};
		this.leases.set(name, lease);
		return lease;
	}

	private bind(client: Item, pppoe: boolean): void {
		const lease = this.leaseFor(client, pppoe);
		const name = pppoe ? client.fields.name! : client.fields.interface!;
		const v7 = this.router.version.major >= 7;
		const address = this.router.table(paths.address).add({address: lease.address, interface: name, dynamic: 'true'});
		const wantsRoute = pppoe ? client.fields['add-default-route'] === 'true' || client.fields['add-default-route'] === 'yes' : (client.fields['add-default-route'] ?? 'yes') !== 'no';
		let route: Item | undefined;
		if (wantsRoute) {
			route = this.router.table(paths.route).add({
				'dst-address': '0.0.0.0/0',
				// A PPPoE default route points at the interface, a DHCP one at the server's gateway.
				gateway: pppoe ? name : lease.gateway,
				distance: client.fields['default-route-distance'] ?? '1',
				...(v7 ? {'routing-table': 'main'} : {}),
				dynamic: 'true',
				...(pppoe ? {} : {dhcp: 'true'}),
			});
		}
		this.bound.set(client, {address, route});
		if (pppoe) {
			this.router.table(paths.interface).set(client.id, {running: 'true'});
			this.router.log('pppoe,ppp,info', `${name}: connected`);
		} else {
			this.router.table(paths.dhcpClient).set(client.id, {
				status: 'bound',
				address: lease.address,
				gateway: lease.gateway,
				'dhcp-server': lease.gateway,
				'primary-dns': lease.gateway,
				'expires-after': '1d',
			});
			this.router.log('dhcp,info', `dhcp-client on ${name} got IP address ${lease.address}`);
		}
	}

	private release(client: Item): void {
		const binding = this.bound.get(client);
		if (!binding) return;
		this.bound.delete(client);
		this.router.table(paths.address).remove(binding.address.id);
		if (binding.route) this.router.table(paths.route).remove(binding.route.id);
		if (client.fields.type === 'pppoe-out') {
			if (this.router.table(paths.interface).items.includes(client)) this.router.table(paths.interface).set(client.id, {running: 'false'});
		} else if (this.router.table(paths.dhcpClient).items.includes(client)) {
			this.router.table(paths.dhcpClient).set(client.id, {status: 'searching...', address: '', gateway: '', 'dhcp-server': '', 'primary-dns': '', 'expires-after': ''});
		}
	}
}
