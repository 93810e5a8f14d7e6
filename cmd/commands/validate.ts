import type { CommandModule } from 'yargs';
import type { Args } from '../handlers/validate.js';

/** `runform validate [DIR] [--json]`: static checks only; no state, no API calls. */
export const validateCommand: CommandModule<object, Args> = {
  command: 'validate [dir]',
  describe: 'Check the configuration for errors, without touching state or any API',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', default: '.', describe: 'Configuration folder' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON' })
      .option('no-color', { type: 'boolean', default: false, describe: 'Never colour the output' }) as never,
  handler: async (argv) => (await import('../handlers/validate.js')).validateHandler(argv),
};
