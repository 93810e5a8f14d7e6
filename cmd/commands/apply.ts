import type { Argv, CommandModule } from 'yargs';
import { type ApplyArgs, applyOptions, planOptions } from './options.js';

/** `runform apply [DIR|PLANFILE]` */
export const applyCommand: CommandModule<object, ApplyArgs> = {
  command: 'apply [source]',
  describe: 'Make the changes a plan describes',
  builder: (y) =>
    applyOptions(planOptions(y)).positional('source', {
      type: 'string',
      describe: 'The configuration folder (default .) or a saved plan file',
    }) as Argv<ApplyArgs>,
  handler: async (args) => (await import('../handlers/apply.js')).applyHandler(args),
};
