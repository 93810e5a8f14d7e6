import type { Argv, CommandModule } from 'yargs';
import type { GraphArgs } from '../handlers/graph.js';

/** `runform graph [DIR]` */
export const graphCommand: CommandModule<object, GraphArgs> = {
  command: 'graph [dir]',
  describe: 'Print the dependency graph of the configuration',
  builder: (y) =>
    y.positional('dir', { type: 'string', default: '.', describe: 'The configuration folder' }).option('format', {
      choices: ['dot', 'mermaid'] as const,
      requiresArg: true,
      default: 'dot' as const,
      describe: 'Output format',
    }) as Argv<GraphArgs>,
  handler: async (args) => (await import('../handlers/graph.js')).graphHandler(args),
};
