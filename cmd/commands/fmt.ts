import type { CommandModule } from 'yargs';
import type { Args } from '../handlers/fmt.js';

/** Exit code of `fmt --check` when some file is not in canonical form. */
export const EXIT_UNFORMATTED = 3;

/** `runform fmt [PATH] [--check] [--diff]`: rewrite files in canonical form, or report those that are not. */
export const fmtCommand: CommandModule<object, Args> = {
  command: 'fmt [path]',
  describe: 'Rewrite configuration files in canonical form',
  builder: (y) =>
    y
      .positional('path', { type: 'string', default: '.', describe: 'A configuration folder or one file' })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: `Write nothing; exit ${EXIT_UNFORMATTED} if a file would change`,
      })
      .option('diff', { type: 'boolean', default: false, describe: 'Show the changes as a unified diff' })
      .option('no-color', { type: 'boolean', default: false, describe: 'Never colour the output' }) as never,
  handler: async (argv) => (await import('../handlers/fmt.js')).fmtHandler(argv),
};
