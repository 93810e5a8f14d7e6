import yargs from 'yargs';
import { error } from '../engine/diag/index.js';
import { commands } from './commands/index.js';
import { runformVersion as version } from './version.js';
import { createJsonUi } from './views/json-ui.js';

/** The command line was refused; the message is already printed. */
class ArgumentsRefused extends Error {}

/**
 * Parses the command line, runs the command and resolves to the process exit code.
 * Command handlers report their outcome by setting `process.exitCode` (0, 1, or 2 for
 * "changes present"); a handler that throws a user-facing error is a bug, not a user error.
 */
export async function run(argv: readonly string[]): Promise<number> {
  let parseFailed = false;
  const first = argv.find((a) => !a.startsWith('-'));
  const named = commands.some((c) => String(c.command).split(' ')[0] === first);
  const parser = yargs([...argv])
    .scriptName('runform')
    .usage('$0 <command> [options]\n\nA declarative plan/apply engine for AWS App Runner.')
    .version(version())
    .strict()
    .demandCommand(1, 'Name a command; see `runform --help`.')
    .recommendCommands()
    .fail((msg, err) => {
      // Argument errors: a message and exit 1, never a stack trace (under --json, a diagnostic message).
      const text = msg ?? err?.message ?? 'Invalid arguments';
      if (argv.includes('--json')) {
        const ui = createJsonUi(process.stdout, { version: version() });
        ui.version();
        ui.diagnostic(error('Invalid arguments', undefined, text));
      } else process.stderr.write(`Error: ${text}\n`);
      parseFailed = true;
      // Thrown so that yargs does not go on to run a command with the arguments it refused. Without
      // a command nothing would run, and yargs goes on to name every other problem it finds.
      if (named) throw new ArgumentsRefused(text);
    })
    .help();
  for (const c of commands) parser.command(c);
  try {
    await parser.parseAsync();
  } catch (e) {
    if (!(e instanceof ArgumentsRefused)) throw e;
  }
  if (parseFailed) return 1;
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
