import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalBackend } from '../../../engine/state/index.js';
import type { BackendStore } from './conformance.js';

/** A fresh folder holding one local state. */
export async function localStore(): Promise<BackendStore & { dir: string; backend: () => LocalBackend }> {
  const dir = await mkdtemp(join(tmpdir(), 'runform-state-'));
  const backend = () => new LocalBackend({ dir });
  const path = backend().path;
  const mode = async (p: string) => {
    try {
      return (await stat(p)).mode & 0o777;
    } catch {
      return undefined;
    }
  };
  return {
    dir,
    backend,
    open: backend,
    childSpec: { kind: 'local', dir },
    rawRead: async () => {
      try {
        return await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    rawWrite: async (text) => {
      await writeFile(path, text);
      await chmod(path, 0o600);
    },
    modes: async () => ({
      state: await mode(path),
      backup: await mode(`${path}.backup`),
      journal: await mode(`${path}.journal`),
      lock: await mode(`${path}.lock`),
    }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
