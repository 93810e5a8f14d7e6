import type { Argv, CommandModule } from 'yargs';
import type { WorkspaceCmdArgs, workspaceHandlers } from '../handlers/workspace.js';
import { unlessRefused } from './refusal.js';

/** The handler of one subcommand, loaded when it runs. */
const lazy = (name: keyof typeof workspaceHandlers) =>
  unlessRefused(async (a: WorkspaceCmdArgs) => {
    const h = await import('../handlers/workspace.js');
    return h.run(h.workspaceHandlers[name])(a);
  });

const dir = <T>(y: Argv<T>) =>
  y.positional('dir', { type: 'string', default: '.', describe: 'The configuration folder' }) as Argv<
    T & WorkspaceCmdArgs
  >;

/** `runform workspace SUBCOMMAND` */
export const workspaceCommand: CommandModule<object, object> = {
  command: 'workspace',
  describe: 'Manage workspaces: separate states in one backend (list, show, new, select, delete)',
  builder: (y) =>
    y
      .command<WorkspaceCmdArgs>('list [dir]', 'List the workspaces; * marks the selected one', dir, lazy('list'))
      .command<WorkspaceCmdArgs>('show [dir]', 'Print the selected workspace', dir, lazy('show'))
      .command<WorkspaceCmdArgs>('new <name> [dir]', 'Create a workspace', dir, lazy('new'))
      .command<WorkspaceCmdArgs>('select <name> [dir]', 'Select the workspace later commands use', dir, lazy('select'))
      .command<WorkspaceCmdArgs>(
        'delete <name> [dir]',
        'Delete a workspace (refused while it manages resources, unless --force)',
        (y) => dir(y).option('force', { type: 'boolean', describe: 'Delete even a workspace that manages resources' }),
        lazy('delete'),
      )
      .demandCommand(1, 'Name a workspace subcommand: list, show, new, select or delete.'),
  handler: () => {},
};
