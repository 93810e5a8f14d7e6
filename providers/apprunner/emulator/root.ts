// Locating the package root, where schemas/ lives, from source (vitest) and from dist/ alike.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest ancestor of this module's folder that holds package.json; depth differs between src and dist. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the emulator module');
    dir = up;
  }
}

/** The folder of the generated API schemas. */
export function apiSchemaDir(): string {
  return join(packageRoot(), 'schemas', 'apprunner', 'api');
}
