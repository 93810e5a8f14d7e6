import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { commands } from './commands/index.js';

/** The package version, read once from package.json next to dist/. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

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
    process.stderr.write(`Error: ${msg}\n`);
    parseFailed = true;
  }).parseAsync();
  if (parseFailed) return 1;
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
