import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** A folder standing for $XDG_CONFIG_HOME, with pccmon/routers.toml holding `toml`. */
export function profilesHome(t: {after: (fn: () => void) => void}, toml: string): {home: string; file: string} {
	const home = mkdtempSync(join(tmpdir(), 'pccmon-profiles-'));
	t.after(() => rmSync(home, {recursive: true, force: true}));
	mkdirSync(join(home, 'pccmon'));
	const file = join(home, 'pccmon', 'routers.toml');
	writeFileSync(file, toml);
	return {home, file};
}
