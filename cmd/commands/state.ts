import type { Argv, CommandModule } from 'yargs';
import type { StateArgs, stateHandlers } from '../handlers/state.js';
import { workspaceOption } from './options.js';
import { unlessRefused } from './refusal.js';
import { migrateCommand } from './state-migrate.js';

const dirOption = <T>(y: Argv<T>) =>
  workspaceOption(y).positional('dir', { type: 'string', default: '.', describe: 'The configuration folder' }) as Argv<
    T & { dir: string }
  >;

/** The handler of one subcommand, loaded when it runs. */
const lazy = (name: keyof typeof stateHandlers) =>
  unlessRefused(async (a: StateArgs) => (await import('../handlers/state.js')).stateHandlers[name](a));

/** `runform state SUBCOMMAND` */
export const stateCommand: CommandModule<object, object> = {
  command: 'state',
  describe: 'Inspect and edit the state (list, show, rm, mv, pull, push, migrate)',
  builder: (y) =>
    y
      .command<StateArgs>('list [dir]', 'List the resource instances in the state', dirOption, lazy('list'))
      .command<StateArgs>(
        'show <addr> [dir]',
        'Show the attributes of an instance (sensitive ones hidden)',
        dirOption,
        lazy('show'),
      )
      .command<StateArgs>('rm <addr> [dir]', 'Forget an instance (the real resource stays)', dirOption, lazy('rm'))
      .command<StateArgs>('mv <from> <to> [dir]', 'Move an instance to another address', dirOption, lazy('mv'))
      .command<StateArgs>('pull [dir]', 'Print the state file', dirOption, lazy('pull'))
      .command<StateArgs>(
        'push <file> [dir]',
        'Replace the state with a state file',
        (y) =>
          dirOption(y).option('force', {
            type: 'boolean',
            describe: 'Replace the state with the file as it is, even of another lineage or an older serial',
          }) as Argv<StateArgs>,
        lazy('push'),
      )
      .command(migrateCommand)
      .demandCommand(1, 'Name a state subcommand: list, show, rm, mv, pull, push or migrate.'),
  handler: () => {},
};
