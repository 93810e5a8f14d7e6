import { resolve } from 'node:path';
import { runImport } from '../../engine/apply/index.js';
import { hasErrors } from '../../engine/diag/index.js';
import type { WorkspaceArgs } from '../commands/options.js';
import { prepare } from './plan.js';
import { printDiagnostics } from './report.js';

// `runform import ADDR ID [DIR]`: adopts a resource that already exists into the state under an
// address the configuration declares, so the next plan manages it instead of creating another.

export interface ImportArgs extends WorkspaceArgs {
  addr: string;
  id: string;
  dir?: string;
  var?: string[];
  'var-file'?: string[];
  color?: boolean;
}

/** Runs `runform import`. */
export async function importHandler(args: ImportArgs): Promise<void> {
  const prep = await prepare(resolve(args.dir ?? '.'), args);
  if (!prep) {
    process.exitCode = 1;
    return;
  }
  const r = await runImport({ ...prep, address: String(args.addr), id: String(args.id) });
  printDiagnostics(r.diagnostics, prep.module.sources, args.color === false);
  if (hasErrors(r.diagnostics)) {
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`Imported ${args.id} as ${args.addr}. Run runform plan to compare it with the configuration.\n`);
  process.exitCode = 0;
}
