import { statSync } from 'node:fs';
import type { ApplyArgs } from '../commands/options.js';
import { applyHandler } from './apply.js';
import { jsonUiFor } from './plan.js';
import { failer } from './report.js';

// `runform destroy [DIR]`: apply in destroy mode, with the same confirmation as apply.

export interface DestroyArgs extends ApplyArgs {
  dir?: string;
}

/** Runs `runform destroy`. */
export async function destroyHandler(args: DestroyArgs): Promise<void> {
  const dir = args.dir ?? '.';
  // apply reads a file argument as a saved plan; destroy always plans afresh from a folder.
  if (!isDir(dir)) {
    const text = `${dir} is not a folder; destroy takes the configuration folder.`;
    failer(jsonUiFor(args))('Not a folder', text);
    return;
  }
  await applyHandler({ ...args, source: dir, destroy: true, 'refresh-only': false });
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
