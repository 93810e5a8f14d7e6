import type { Argv, CommandModule } from 'yargs';
import type { DriftArgs, DriftFormat } from '../handlers/drift.js';
import { colorOption, parallelismOption, workspaceOption } from './options.js';

/** `runform drift [DIR]` */
export const driftCommand: CommandModule<object, DriftArgs> = {
  command: 'drift [dir]',
  describe: 'Report changes made outside runform (exit 2 when there are any)',
  builder: (y) =>
    colorOption(
      workspaceOption(y)
        .positional('dir', { type: 'string', default: '.', describe: 'The configuration folder' })
        .option('format', {
          choices: ['text', 'json', 'markdown'] as const,
          default: 'text' as DriftFormat,
          describe: 'Report as text, JSON, or GitHub-flavoured markdown',
        })
        .option('ignore', {
          type: 'string',
          array: true,
          nargs: 1,
          describe: 'Known drift to leave out: ADDR or ADDR.attr.path (repeatable)',
        })
        .option('parallelism', parallelismOption)
        .option('var', { type: 'string', array: true, nargs: 1, describe: 'Set a variable: NAME=VALUE (repeatable)' })
        .option('var-file', {
          type: 'string',
          array: true,
          nargs: 1,
          describe: 'Read variable values from a file (repeatable)',
        }),
    ).option('json', {
      type: 'boolean',
      describe: 'Stream machine-readable messages, one JSON object per line, instead of the report',
    }) as Argv<DriftArgs>,
  handler: async (args) => (await import('../handlers/drift.js')).driftHandler(args),
};
