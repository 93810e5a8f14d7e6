import type { Argv, CommandModule } from 'yargs';
import type { ShowArgs } from '../handlers/show.js';
import { colorOption, workspaceOption } from './options.js';

/** `runform show [PLANFILE]` */
export const showCommand: CommandModule<object, ShowArgs> = {
  command: 'show [planfile]',
  describe: 'Show a saved plan, or the state of the current folder',
  builder: (y) =>
    colorOption(
      workspaceOption(y).positional('planfile', { type: 'string', describe: 'A plan saved with `runform plan --out`' }),
    ).option('json', {
      type: 'boolean',
      describe: 'Print the plan or the state as one JSON document (secrets left out)',
    }) as Argv<ShowArgs>,
  handler: async (args) => (await import('../handlers/show.js')).showHandler(args),
};
