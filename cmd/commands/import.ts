import type { Argv, CommandModule } from 'yargs';
import type { ImportArgs } from '../handlers/import.js';
import { variableOptions, workspaceOption } from './options.js';

/** `runform import ADDR ID [DIR]` */
export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import <addr> <id> [dir]',
  describe: 'Adopt an existing resource into the state',
  builder: (y) =>
    workspaceOption(y)
      .positional('addr', { type: 'string', demandOption: true, describe: 'The resource address, e.g. aws_x.web' })
      .positional('id', { type: 'string', demandOption: true, describe: "The resource's ID (an ARN for App Runner)" })
      .positional('dir', { type: 'string', default: '.', describe: 'The configuration folder' })
      .options(variableOptions)
      .option('color', {
        type: 'boolean',
        default: true,
        describe: 'Colour on a terminal (--no-color turns it off)',
      }) as Argv<ImportArgs>,
  handler: async (args) => (await import('../handlers/import.js')).importHandler(args),
};
