import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';

/*
 * Every patch changes code it was written against (patches/README.md). When npm installs
 * another version of a package a patch touches, this fails: read the new version's code,
 * adjust the patch if it still applies (or drop it if upstream fixed the cause), then move
 * the version in the patch's `fits`.
 */

const patches = new URL('../../patches/', import.meta.url);
const helpers = new Set(['checked-patch.ts']);

function installedVersion(name: string): string {
	const manifest = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
	return (JSON.parse(readFileSync(manifest, 'utf8')) as {version: string}).version;
}

const files = readdirSync(patches).filter(file => file.endsWith('.ts') && !helpers.has(file));

test('every patch says which versions it fits', async () => {
	assert.ok(files.length > 0);
	for (const file of files) {
		const {fits} = (await import(new URL(file, patches).href)) as {fits?: Record<string, string>};
		assert.ok(fits && Object.keys(fits).length > 0, `patches/${file} exports the versions it fits`);
	}
});

for (const file of files) {
	test(`patches/${file} fits the installed packages`, async () => {
		const {fits} = (await import(new URL(file, patches).href)) as {fits: Record<string, string>};
		for (const [name, version] of Object.entries(fits)) {
			assert.equal(installedVersion(name), version, `patches/${file} was written for ${name} ${version}; see patches/README.md`);
		}
	});
}
