import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Row} from '../../../source/pcc/types.js';
import type {RouterConnection} from '../../../source/routeros/client.js';
import type {SimHandle} from '../../../source/sim/index.js';
import type {MenuSpec} from '../../../source/sim/menus/spec.js';
import {withSimClient} from '../helpers/with-client.js';

/**
 * RouterOS takes yes/no and true/false alike in every `?` query on a boolean property. Every
 * menu of every version's scenario is walked from its spec, so a menu added later is covered
 * by this table without a line here.
 */

const spellings = {true: ['yes', 'true'], false: ['no', 'false']} as const;

/** Properties whose printed values are all `true`/`false`: the router's booleans, declared or not. */
function printedBooleans(rows: Row[]): Set<string> {
	const names = new Set<string>();
	const seen = new Map<string, boolean>();
	for (const row of rows) {
		for (const [name, value] of Object.entries(row)) {
			const isBool = value === 'true' || value === 'false';
			seen.set(name, (seen.get(name) ?? true) && isBool);
		}
	}
	for (const [name, allBool] of seen) if (allBool) names.add(name);
	return names;
}

function identify(menu: MenuSpec, rows: Row[]): string[] {
	return rows.map((row, index) => (menu.singleton ? String(index) : row['.id'])).sort();
}

const withScenario = (scenario: string, body: (sim: SimHandle, api: RouterConnection) => Promise<void>) =>
	withSimClient({scenario, clock: 'manual', seed: 3, connections: 40, rate: 0}, body);

/** Checks every boolean of every printable menu, both spellings; returns `path property` for each true match seen. */
async function checkEveryBoolean(sim: SimHandle, api: RouterConnection): Promise<Set<string>> {
	const matchedTrue = new Set<string>();
	let checked = 0;
	for (const path of sim.router.menuPaths()) {
		const menu = sim.router.menu(path)!;
		if (!menu.verbs.includes('print')) continue;
		const rows = await api.print(path);
		const declared = new Set(menu.fields.filter(field => field.kind === 'bool').map(field => field.name));
		for (const name of printedBooleans(rows)) {
			assert.ok(declared.has(name), `${path} prints ${name} as true/false but does not declare it a boolean`);
		}
		for (const name of declared) {
			for (const [printed, words] of Object.entries(spellings)) {
				const expected = identify(menu, rows.filter(row => row[name] === printed));
				for (const word of words) {
					const selected = await api.print(path, {query: [`${name}=${word}`]});
					assert.deepEqual(identify(menu, selected), expected, `${path} ?${name}=${word}`);
					checked++;
				}
				if (printed === 'true' && expected.length > 0) matchedTrue.add(`${path} ${name}`);
			}
		}
	}
	assert.ok(checked > 100, `queries checked: ${checked}`);
	return matchedTrue;
}

describe('boolean queries', () => {
	it('RouterOS 7: every boolean of every menu answers yes/no and true/false alike', () =>
		withScenario('pppoe-2to1', async (sim, api) => {
			const matched = await checkEveryBoolean(sim, api);
			for (const seen of [
				'/ip/route static',
				'/ip/route active',
				'/interface running',
				'/interface/ethernet running',
				'/interface/pppoe-client running',
				'/system/routerboard routerboard',
				'/ip/firewall/connection confirmed',
			]) {
				assert.ok(matched.has(seen), `?${seen.split(' ')[1]}=yes matched rows of ${seen.split(' ')[0]}`);
			}
		}));

	it('RouterOS 6: the same over its own menus', () =>
		withScenario('routeros6', async (sim, api) => {
			const matched = await checkEveryBoolean(sim, api);
			for (const seen of ['/ip/route static', '/interface running', '/system/routerboard routerboard']) {
				assert.ok(matched.has(seen), `?${seen.split(' ')[1]}=yes matched rows of ${seen.split(' ')[0]}`);
			}
		}));

	it('a disabled bridge does not run; either spelling, and its negation, say so', () =>
		withScenario('failover', async (sim, api) => {
			sim.router.run('/interface/bridge/add', {name: 'spare-bridge', disabled: 'yes'});
			const names = (rows: Row[]) => rows.map(row => row.name);
			for (const word of ['yes', 'true']) {
				const running = names(await api.print('/interface/bridge', {query: [`running=${word}`]}));
				assert.ok(running.length > 0 && !running.includes('spare-bridge'), `?running=${word}: ${running.join(',')}`);
				const stopped = names(await api.print('/interface', {query: [`running=${word}`, '#!']}));
				assert.deepEqual(stopped, ['spare-bridge'], `?running=${word} ?#!`);
			}
			for (const word of ['no', 'false']) {
				assert.deepEqual(names(await api.print('/interface/bridge', {query: [`running=${word}`]})), ['spare-bridge']);
			}
		}));
});
