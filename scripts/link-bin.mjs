// Makes `npx runform` resolve in this checkout without asking the registry: npm links the bins
// of dependencies into node_modules/.bin but not the project's own, and some npm versions then
// look the name up remotely. Runs from `prepare`, after the build.
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const binDir = join(root, 'node_modules', '.bin');
if (existsSync(join(root, 'node_modules'))) {
  mkdirSync(binDir, { recursive: true });
  for (const [name, target] of Object.entries(pkg.bin ?? {})) {
    const file = join(root, target);
    if (!existsSync(file)) continue;
    chmodSync(file, 0o755);
    const link = join(binDir, name);
    try {
      lstatSync(link);
      rmSync(link);
    } catch {}
    symlinkSync(relative(binDir, file), link);
  }
}
