// Finding the package root (where package.json and schemas/ live) from a module's own folder. The
// depth differs between the sources, the compiled tree and the CLI bundle, so it is searched for.
// The emulator has its own copy, since it imports nothing outside its folder.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest ancestor of `from` (default: this module's folder) that holds package.json. */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
}
