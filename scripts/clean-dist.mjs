// tsc and esbuild only ever add to dist/: a module renamed or removed in source/ would stay
// behind (and be packed), and chunk names carry a hash, so each build would leave its own.
import {rmSync} from 'node:fs';

rmSync('dist', {recursive: true, force: true});
