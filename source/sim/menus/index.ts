import type {RouterState} from '../model/router-state.js';
import {connectionMenus} from './connection.js';
import {firewallMenus} from './firewall.js';
import {interfaceMenus} from './interfaces.js';
import {ipMenus} from './ip.js';
import {monitoringMenus} from './monitoring.js';
import {netwatchMenus} from './netwatch.js';
import {routingMenus} from './routing.js';
import type {MenuSpec} from './spec.js';
import {systemMenus} from './system.js';
import {userMenus} from './users.js';

/** Every menu the router's version has. */
export function menusFor(router: RouterState): MenuSpec[] {
	return [
		...systemMenus(),
		...interfaceMenus(router),
		...ipMenus(),
		...firewallMenus(router),
		...connectionMenus(router),
		...routingMenus(router),
		...netwatchMenus(router),
		...userMenus(router.version.major),
		...monitoringMenus(router),
	];
}
