import yargs from 'yargs';
import { commands } from './commands/index.js';
import { runformVersion as version } from './version.js';

/**
 * Parses the command line, runs the command and resolves to the process exit code.
 * Command handlers report their outcome by setting `process.exitCode` (0, 1, or 2 for
 * "changes present"); a handler that throws a user-facing error is a bug, not a user error.
 */
export async function run(argv: readonly string[]): Promise<number> {
  let parseFailed = false;
  const parser = yargs([...argv])
    .scriptName('runform')
    .usage('$0 <command> [options]\n\nA declarative plan/apply engine for AWS App Runner.')
    .version(version())
    .strict()
    .demandCommand(1, 'Name a command; see `runform --help`.')
    .recommendCommands()
    .fail((msg, err) => {
      // Argument errors: a message and exit 1, never a stack trace.
      process.stderr.write(`Error: ${msg ?? err?.message}\n`);
      parseFailed = true;
    })
    .help();
  for (const c of commands) parser.command(c);
  await parser.parseAsync();
  if (parseFailed) return 1;
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
