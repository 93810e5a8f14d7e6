import type { Argv, CommandModule } from 'yargs';
import type { OutputArgs } from '../handlers/output.js';
import { workspaceOption } from './options.js';

/** `runform output [NAME] [DIR]` */
export const outputCommand: CommandModule<object, OutputArgs> = {
  command: 'output [name] [dir]',
  describe: 'Print the outputs recorded in the state',
  builder: (y) =>
    workspaceOption(y)
      .positional('name', { type: 'string', describe: 'Print only this output' })
      .positional('dir', { type: 'string', default: '.', describe: 'The configuration folder' })
      .option('json', { type: 'boolean', describe: 'Print as JSON' })
      .option('raw', { type: 'boolean', describe: 'Print a string value bare (needs NAME)' })
      .conflicts('json', 'raw') as Argv<OutputArgs>,
  handler: async (args) => (await import('../handlers/output.js')).outputHandler(args),
};
