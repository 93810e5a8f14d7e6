import type { Argv, CommandModule } from 'yargs';
import type { PlanCommandArgs } from '../handlers/plan.js';
import { lockTimeoutOption, planOptions } from './options.js';

/** `runform plan [DIR]` */
export const planCommand: CommandModule<object, PlanCommandArgs> = {
  command: 'plan [dir]',
  describe: 'Show what apply would change',
  builder: (y) =>
    lockTimeoutOption(planOptions(y))
      .positional('dir', { type: 'string', default: '.', describe: 'The configuration folder' })
      .option('lock', {
        type: 'boolean',
        default: true,
        describe: 'Lock the state while planning (--lock=false reads it without locking)',
      })
      .option('out', {
        type: 'string',
        requiresArg: true,
        describe: 'Save the plan to this file, for `runform apply FILE`',
      })
      .option('detailed-exitcode', {
        type: 'boolean',
        describe: 'Exit 2 when there are changes',
      })
      .option('format', {
        choices: ['text', 'markdown'] as const,
        requiresArg: true,
        default: 'text' as const,
        describe: 'Print the plan as text, or as GitHub-flavoured markdown for a pull request comment',
      }) as Argv<PlanCommandArgs>,
  handler: async (args) => (await import('../handlers/plan.js')).planHandler(args),
};
