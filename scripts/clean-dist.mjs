// esbuild only ever adds to dist/: a file the build no longer writes would stay behind (and
// be packed), so each build starts from an empty dist/.
import {rmSync} from 'node:fs';

rmSync('dist', {recursive: true, force: true});
