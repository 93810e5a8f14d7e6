import type { Argv, CommandModule } from 'yargs';
import type { DriftArgs, DriftFormat } from '../handlers/drift.js';
import { colorOption, parallelismOption, variableOptions, workspaceOption } from './options.js';

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
          requiresArg: true,
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
        .options(variableOptions),
    ).option('json', {
      type: 'boolean',
      describe: 'Stream machine-readable messages, one JSON object per line, instead of the report',
    }) as Argv<DriftArgs>,
  handler: async (args) => (await import('../handlers/drift.js')).driftHandler(args),
};
