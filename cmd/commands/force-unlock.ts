import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { StateError } from '../../engine/state/index.js';
import { openStateTarget, type WorkspaceArgs, workspaceOption } from '../backend.js';

// `runform force-unlock ID [DIR]`: removes a lock left behind, only when the ID names it, so a
// mistyped or outdated ID can never break a lock another run still holds.

interface ForceUnlockArgs extends WorkspaceArgs {
  id: string;
  dir?: string;
}

/** `runform force-unlock ID [DIR]` */
export const forceUnlockCommand: CommandModule<object, ForceUnlockArgs> = {
  command: 'force-unlock <id> [dir]',
  describe: 'Remove a state lock left behind (only when ID matches it)',
  builder: (y) =>
    workspaceOption(y)
      .positional('id', { type: 'string', demandOption: true, describe: 'The lock ID the lock message names' })
      .positional('dir', {
        type: 'string',
        default: '.',
        describe: 'The configuration folder',
      }) as Argv<ForceUnlockArgs>,
  handler: async (args) => {
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
  },
};
