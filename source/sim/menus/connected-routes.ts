import {parsePrefix} from '../../pcc/shared/ipv4.js';
import type {Fields, Item} from '../model/item.js';
import type {RouterState} from '../model/router-state.js';
import {isRunning} from './interfaces.js';
import {addressNetwork} from './ip.js';

/**
 * Keeps a dynamic connected route (`connect=true`, distance 0, scope 10) in `/ip/route` for
 * every enabled address on an existing interface, as a router lists them. Only these rows'
 * configuration is kept here; route flags (active, inactive, immediate-gw, gateway-status)
 * belong to the traffic engine, which decides reachability and check-gateway for every route.
 */
export class ConnectedRoutes {
	/** address id → its connected route's id */
	private readonly routes = new Map<number, number>();

	constructor(private readonly router: RouterState) {}

	sync(): void {
		const {router} = this;
		const v7 = router.version.major >= 7;
		const seen = new Set<number>();
		for (const address of router.rows('/ip/address')) {
			const {interface: name = '', address: text = ''} = address.fields;
			const prefix = parsePrefix(text);
			const device = router.findByName('/interface', name);
			if (address.fields.disabled === 'true' || !prefix || !device) continue;
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
			const existing = this.routes.get(address.id);
			const route = existing === undefined ? undefined : router.table('/ip/route').get(existing);
			if (route) {
				const changes = changed(route, wanted);
				if (Object.keys(changes).length > 0) router.update('/ip/route', route.id, changes);
			} else {
				// Born with the interface's state; the engine keeps the flags from then on.
				const active = String(isRunning(router, device));
				const flags: Fields = v7 ? {active, inactive: String(active === 'false')} : {active};
				this.routes.set(address.id, router.insert('/ip/route', {...wanted, ...flags}).id);
			}
		}
		for (const [addressId, routeId] of this.routes) {
			if (seen.has(addressId)) continue;
			router.delete('/ip/route', routeId);
			this.routes.delete(addressId);
		}
	}
}

function changed(item: Item, wanted: Fields): Fields {
	const changes: Fields = {};
	for (const [name, value] of Object.entries(wanted)) {
		if (item.fields[name] !== value) changes[name] = value;
	}
	return changes;
}
