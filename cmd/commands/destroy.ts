import type { Argv, CommandModule } from 'yargs';
import type { DestroyArgs } from '../handlers/destroy.js';
import { applyOptions, planOptions } from './options.js';

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
  handler: async (args) => (await import('../handlers/destroy.js')).destroyHandler(args),
};
