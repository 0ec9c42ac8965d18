import type {SimRouter} from '../router.js';
import type {MenuSpec} from '../menus/spec.js';
import {writtenCommands, type WrittenCommand} from './static.js';
import type {RscScript} from './parse.js';

/** A menu whose rows are interfaces (`/interface/bridge`, `/interface/ethernet`...). */
function interfaceMenu(menu: MenuSpec | undefined): boolean {
	return menu !== undefined && (menu.path === '/interface' || menu.view?.path === '/interface');
}

/** The interface names a command's properties refer to, as written. */
function referencedInterfaces(menu: MenuSpec, command: WrittenCommand): string[] {
	const names: string[] = [];
	for (const [name, value] of command.attributes) {
		const field = menu.fields.find(candidate => candidate.name === name);
		if (!field || value === '') continue;
		if (field.ref?.path === '/interface' && !field.ref.where) names.push(value.replace(/^!/, ''));
		if (field.kind === 'gateway') {
			for (const part of value.split(',')) {
				const [gateway, via] = part.replace(/@.*$/, '').split('%');
				if (via) names.push(via);
				else if (!/^[\d.]+$/.test(gateway)) names.push(gateway);
			}
		}
		if (name === 'slaves') names.push(...value.split(','));
	}
	return names;
}

/**
 * Ports a partial export uses but never creates: an interface a snippet names (in a rule, an
 * address, a route's gateway, a `[ find default-name=... ]`) that nothing in it adds or
 * renames is the router's own port, so it is created before the script runs (an ethernet
 * port, or a wlan/lte one where the name comes from that menu's default-name). A board the
 * header names and the simulator knows has exactly its ports, so nothing is created for it.
 * Routing tables, address lists and interface lists are never made up (docs/rsc-loader.md).
 * Returns the names created.
 */
export function createNamedPorts(router: SimRouter, script: RscScript, knownBoard: boolean): string[] {
	if (knownBoard) return [];
	const commands = writtenCommands(script);
	const madeByScript = new Set<string>();
	const wanted: Array<{name: string; menu: string}> = [];
	for (const command of commands) {
		const menu = router.menu(command.path);
		if (!menu) continue;
		if (interfaceMenu(menu)) {
			const name = command.attributes.find(([key]) => key === 'name')?.[1];
			if (name !== undefined && (command.verb === 'add' || command.verb === 'set')) madeByScript.add(name);
			const port = command.finds.find(([key]) => key === 'default-name')?.[1];
			if (port !== undefined) wanted.push({name: port, menu: menu.view ? menu.path : '/interface/ethernet'});
		}
		for (const name of referencedInterfaces(menu, command)) wanted.push({name, menu: '/interface/ethernet'});
	}
	const created: string[] = [];
	for (const {name, menu} of wanted) {
		if (madeByScript.has(name) || router.findByName('/interface', name)) continue;
		const target = router.menu(menu)?.view ? menu : '/interface/ethernet';
		router.insert(target, {name, 'default-name': name}, {dynamic: false});
		created.push(name);
	}
	return created;
}
