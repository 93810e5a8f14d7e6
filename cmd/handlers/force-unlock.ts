import { resolve } from 'node:path';
import { StateError } from '../../engine/state/index.js';
import { openStateTarget } from '../backend.js';
import type { WorkspaceArgs } from '../commands/options.js';

// `runform force-unlock ID [DIR]`: removes a lock left behind, only when the ID names it, so a
// mistyped or outdated ID can never break a lock another run still holds.

export interface ForceUnlockArgs extends WorkspaceArgs {
  id: string;
  dir?: string;
}

/** Runs `runform force-unlock`. */
export async function forceUnlockHandler(args: ForceUnlockArgs): Promise<void> {
  const target = await openStateTarget(resolve(args.dir ?? '.'), args);
  if (!target) {
    process.exitCode = 1;
    return;
  }
  try {
    await target.backend.forceUnlock(String(args.id));
  } catch (e) {
    process.stderr.write(`Error: ${e instanceof StateError || e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`Removed lock ${args.id}; the state is unlocked.\n`);
  process.exitCode = 0;
}
