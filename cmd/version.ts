import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../providers/package-root.js';

let cached: string | undefined;

/** The package version, read once from the package's package.json. */
export function runformVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
