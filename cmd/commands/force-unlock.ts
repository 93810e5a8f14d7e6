import type { Argv, CommandModule } from 'yargs';
import type { ForceUnlockArgs } from '../handlers/force-unlock.js';
import { workspaceOption } from './options.js';

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
  handler: async (args) => (await import('../handlers/force-unlock.js')).forceUnlockHandler(args),
};
