import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { runImport } from '../../engine/apply/index.js';
import { hasErrors } from '../../engine/diag/index.js';
import { type WorkspaceArgs, workspaceOption } from '../backend.js';
import { prepare, printDiagnostics } from './plan.js';

// `runform import ADDR ID [DIR]`: adopts a resource that already exists into the state under an
// address the configuration declares, so the next plan manages it instead of creating another.

interface ImportArgs extends WorkspaceArgs {
  addr: string;
  id: string;
  dir?: string;
  var?: string[];
  'var-file'?: string[];
  color?: boolean;
}

/** `runform import ADDR ID [DIR]` */
export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import <addr> <id> [dir]',
  describe: 'Adopt an existing resource into the state',
  builder: (y) =>
    workspaceOption(y)
      .positional('addr', { type: 'string', demandOption: true, describe: 'The resource address, e.g. aws_x.web' })
      .positional('id', { type: 'string', demandOption: true, describe: "The resource's ID (an ARN for App Runner)" })
      .positional('dir', { type: 'string', default: '.', describe: 'The configuration folder' })
      .option('var', { type: 'string', array: true, describe: 'Set a variable: NAME=VALUE (repeatable)' })
      .option('var-file', { type: 'string', array: true, describe: 'Read variable values from a file (repeatable)' })
      .option('color', {
        type: 'boolean',
        default: true,
        describe: 'Colour on a terminal (--no-color turns it off)',
      }) as Argv<ImportArgs>,
  handler: async (args) => {
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
    process.stdout.write(
      `Imported ${args.id} as ${args.addr}. Run runform plan to compare it with the configuration.\n`,
    );
    process.exitCode = 0;
  },
};
