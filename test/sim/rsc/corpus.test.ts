import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {discover} from '../../../source/pcc/discover.js';
import {configFromRsc} from '../../helpers/config-from-rsc.js';

const folder = new URL('../../fixtures/exports/', import.meta.url);

/**
 * Lines a real router refuses too, by fixture: Markdown fences around a pasted export; on
 * RouterOS 6.49 (what a headerless v6 script runs on) the pre-6.41 master-port and
 * per-interface neighbour discovery, and a queue whose parent is misspelled.
 */
const refusedByRouterOs: Record<string, number[]> = {
	'v6-2011-src-address-dhcp.rsc': [3, 66],
	'v6-global-variables-reset.rsc': [32, 35, 36, 85],
};

const fixtures = readdirSync(folder).filter(name => name.endsWith('.rsc'));

test('the corpus has the shapes SOURCES lists, every one of them', () => {
	const sources = readFileSync(new URL('SOURCES', folder), 'utf8');
	assert.ok(fixtures.length >= 27, `${fixtures.length} fixtures`);
	for (const name of fixtures) assert.match(sources, new RegExp(name.replaceAll('.', '\\.')), `${name} is in SOURCES`);
});

for (const name of fixtures) {
	test(`${name}: loads with no line refused that RouterOS accepts, and its WANs are found`, async () => {
		const {config, load} = await configFromRsc(readFileSync(new URL(name, folder), 'utf8'));
		assert.deepEqual(load.warnings.map(warning => warning.line), refusedByRouterOs[name] ?? [], JSON.stringify(load.warnings, null, 1));
		assert.ok(discover(config).wans.length >= 2, 'discovery finds at least two WANs');
	});
}
