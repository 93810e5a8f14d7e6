import { statSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { error } from '../../engine/diag/index.js';
import { type ApplyArgs, applyHandler, applyOptions } from './apply.js';
import { jsonUiFor, planOptions } from './plan.js';

// `runform destroy [DIR]`: apply in destroy mode, with the same confirmation as apply.

interface DestroyArgs extends ApplyArgs {
  dir?: string;
}

/** `runform destroy [DIR]` */
export const destroyCommand: CommandModule<object, DestroyArgs> = {
  command: 'destroy [dir]',
  describe: 'Destroy every resource the state manages',
  builder: (y) =>
    applyOptions(planOptions(y)).positional('dir', {
      type: 'string',
      default: '.',
      describe: 'The configuration folder',
    }) as Argv<DestroyArgs>,
  handler: async (args) => {
    const dir = args.dir ?? '.';
    // apply reads a file argument as a saved plan; destroy always plans afresh from a folder.
    if (!isDir(dir)) {
      const text = `${dir} is not a folder; destroy takes the configuration folder.`;
      const ui = jsonUiFor(args);
      if (ui) ui.diagnostic(error('Not a folder', undefined, text));
      else process.stderr.write(`Error: ${text}\n`);
      process.exitCode = 1;
      return;
    }
    await applyHandler({ ...args, source: dir, destroy: true, 'refresh-only': false });
  },
};

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
