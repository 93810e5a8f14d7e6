import type { Argv, CommandModule } from 'yargs';
import type { MigrateArgs } from '../handlers/state-migrate.js';
import { lockTimeoutOption, workspaceOption } from './options.js';
import { unlessRefused } from './refusal.js';

/** `runform state migrate --to-backend FILE [DIR]` */
export const migrateCommand: CommandModule<object, MigrateArgs> = {
  command: 'migrate [dir]',
  describe: 'Copy the state to another backend, keeping its lineage and serial',
  builder: (y) =>
    lockTimeoutOption(workspaceOption(y))
      .positional('dir', { type: 'string', default: '.', describe: 'The configuration folder' })
      .option('to-backend', {
        type: 'string',
        requiresArg: true,
        demandOption: true,
        describe: 'A file holding runform { backend "KIND" { … } } for the target',
      })
      .option('to-workspace', {
        type: 'string',
        requiresArg: true,
        describe: 'The target workspace (default: the source workspace)',
      })
      .option('color', { type: 'boolean', default: true, describe: 'Colour on a terminal' }) as Argv<MigrateArgs>,
  handler: unlessRefused(async (a: MigrateArgs) => (await import('../handlers/state-migrate.js')).migrateHandler(a)),
};
