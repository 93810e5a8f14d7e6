import yargs from 'yargs';
import { error } from '../engine/diag/index.js';
import { commands } from './commands/index.js';
import { runformVersion as version } from './version.js';
import { createJsonUi } from './views/json-ui.js';

/**
 * The yargs parser of the whole CLI (strict: an unknown command or option is an error, given to
 * `onFail`). `cmds` defaults to the real commands; a test may pass them with inert handlers.
 */
export function cliParser(
  argv: readonly string[],
  onFail: (msg: string) => void,
  cmds: readonly (typeof commands)[number][] = commands,
) {
  let failed = false;
  const parser = yargs([...argv])
    .scriptName('runform')
    .usage('$0 <command> [options]\n\nA declarative plan/apply engine for AWS App Runner.')
    .version(version())
    .strict()
    .demandCommand(1, 'Name a command; see `runform --help`.')
    .recommendCommands()
    .fail((msg, err) => {
      failed = true;
      onFail(msg ?? err?.message ?? 'invalid arguments');
    })
    .help();
  // yargs goes on to the handler after reporting a bad argument: a refused command line must not run.
  for (const c of cmds) parser.command({ ...c, handler: (a) => (failed ? undefined : c.handler(a)) });
  return parser;
}

/**
 * Parses the command line, runs the command and resolves to the process exit code.
 * Command handlers report their outcome by setting `process.exitCode` (0, 1, or 2 for
 * "changes present"); a handler that throws a user-facing error is a bug, not a user error.
 */
export async function run(argv: readonly string[]): Promise<number> {
  let parseFailed = false;
  // Argument errors: a message and exit 1, never a stack trace.
  await cliParser(argv, (msg) => {
    // Only the first problem is reported: yargs may go on to name others.
    if (parseFailed) return;
    if (argv.includes('--json')) {
      // Under --json the refusal is a diagnostic message too.
      const ui = createJsonUi(process.stdout, { version: version() });
      ui.version();
      ui.diagnostic(error('Invalid arguments', undefined, msg));
    } else process.stderr.write(`Error: ${msg}\n`);
    parseFailed = true;
  }).parseAsync();
  if (parseFailed) return 1;
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
