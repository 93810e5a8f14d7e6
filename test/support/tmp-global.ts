import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// vitest global setup: one temporary folder for the whole run. The test processes, and every
// process they start, inherit it as TMPDIR, so the folders tests make under os.tmpdir() land in it
// and all go with it at the end, whether or not each test cleaned up after itself.

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'runform-tests-'));
  // Traversable by the unprivileged user the throwaway PostgreSQL runs as.
  chmodSync(root, 0o755);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  };
}
