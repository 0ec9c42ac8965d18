// tsc drops the executable bit; `npm i -g` and `node dist/cli.js` both need the shebang file runnable.
import {chmodSync, existsSync} from 'node:fs';
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
