import type {RouterState} from '../model/router-state.js';
import {connectionMenus} from './connection.js';
import {firewallMenus} from './firewall.js';
import {interfaceKindMenus} from './interface-kinds.js';
import {interfaceMenus} from './interfaces.js';
import {ipv6Menus} from './ipv6.js';
import {ipMenus} from './ip.js';
import {monitoringMenus} from './monitoring.js';
import {netwatchMenus} from './netwatch.js';
import {pppAndBgpMenus} from './ppp-bgp.js';
import {queueMenus} from './queues.js';
import {routingMenus} from './routing.js';
import {serviceMenus} from './services.js';
import type {MenuSpec} from './spec.js';
import {systemConfigMenus} from './system-config.js';
import {systemMenus} from './system.js';
import {userMenus} from './users.js';

/** Every menu the router's version has. */
export function menusFor(router: RouterState): MenuSpec[] {
	return [
		...systemMenus(),
		...systemConfigMenus(router),
		...interfaceMenus(router),
		...interfaceKindMenus(router),
		...ipMenus(router),
		...serviceMenus(router),
		...firewallMenus(router),
		...connectionMenus(router),
		...routingMenus(router),
		...pppAndBgpMenus(router),
		...queueMenus(router),
		...ipv6Menus(router),
		...netwatchMenus(router),
		...userMenus(router.version.major),
		...monitoringMenus(router),
	];
}
