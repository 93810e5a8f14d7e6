import yargs from 'yargs';
import { error } from '../engine/diag/index.js';
import { commands } from './commands/index.js';
import { setRefused, unlessRefused } from './commands/refusal.js';
import { runformVersion as version } from './version.js';
import { createJsonUi } from './views/json-ui.js';

const NAME_A_COMMAND = 'Name a command; see `runform --help`.';

/**
 * The yargs parser of the whole CLI (strict: an unknown command or option is an error, given to
 * `onFail`). `cmds` defaults to the real commands; a test may pass them with inert handlers.
 */
export function cliParser(
  argv: readonly string[],
  onFail: (msg: string) => void,
  cmds: readonly (typeof commands)[number][] = commands,
) {
  setRefused(false);
  const parser = yargs([...argv])
    .scriptName('runform')
    .usage('$0 <command> [options]\n\nA declarative plan/apply engine for AWS App Runner.')
    .version(version())
    .strict()
    .demandCommand(1, NAME_A_COMMAND)
    .recommendCommands()
    // yargs hands a check its option definitions (the typings say aliases): `boolean` lists the
    // boolean options of the command being run.
    .check((_, options) => badBooleanValue(argv, (options as unknown as { boolean: string[] }).boolean) ?? true)
    .fail((msg, err) => {
      setRefused(true);
      onFail(msg ?? err?.message ?? 'invalid arguments');
    })
    .help();
  for (const c of cmds) parser.command({ ...c, handler: unlessRefused(c.handler) });
  skipHelpCache(parser);
  return parser;
}

/**
 * yargs renders the whole help text of a command as soon as it has started the command's handler,
 * to have it at hand should the handler fail. runform reports a failed handler itself and never
 * shows that text, and rendering it (measuring the width of every cell) took 30–60 ms of every run.
 * `--help` renders it as before.
 */
function skipHelpCache(parser: object): void {
  const internals = (parser as { getInternalMethods?: () => { getUsageInstance(): { cacheHelpMessage(): void } } })
    .getInternalMethods;
  if (internals === undefined) return;
  internals.call(parser).getUsageInstance().cacheHelpMessage = () => {};
}

/**
 * Parses the command line, runs the command and resolves to the process exit code.
 * Command handlers report their outcome by setting `process.exitCode` (0, 1, or 2 for
 * "changes present"); a handler that throws a user-facing error is a bug, not a user error.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const problems: string[] = [];
  // Argument errors: a message and exit 1, never a stack trace.
  await cliParser(argv, (msg) => problems.push(msg)).parseAsync();
  if (problems.length > 0) {
    // One problem is reported: a named bad option says more than "name a command", which yargs
    // reports first when both hold.
    const msg = tidyUnknown(problems.find((m) => m !== NAME_A_COMMAND) ?? problems[0]!, argv);
    if (argv.includes('--json')) {
      // Under --json the refusal is a diagnostic message too.
      const ui = createJsonUi(process.stdout, { version: version() });
      ui.version();
      ui.diagnostic(error('Invalid arguments', undefined, msg));
    } else process.stderr.write(`Error: ${msg}\n`);
    return 1;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

/**
 * The refusal of a boolean option given a value other than true or false with `=`: yargs reads
 * any such value as false, so `--lock=maybe` would silently turn locking off.
 */
export function badBooleanValue(argv: readonly string[], booleans: readonly string[]): string | undefined {
  for (const a of argv) {
    if (a === '--') break;
    const m = /^--((?:no-)?)([^=]+)=(.*)$/s.exec(a);
    if (!m) continue;
    const [, no = '', name = '', value = ''] = m;
    if (!booleans.includes(name) && !booleans.includes(no + name)) continue;
    if (value !== 'true' && value !== 'false') return `--${no}${name} takes true or false, not "${value}".`;
  }
  return undefined;
}

/** yargs names an unknown `--some-flag` twice, also as `someFlag`: keep the spelling the user typed. */
function tidyUnknown(msg: string, argv: readonly string[]): string {
  const m = /^(Unknown arguments?): (.*)$/.exec(msg);
  if (!m) return msg;
  const names = m[2]!.split(', ');
  const typed = names.filter((n) => !names.some((o) => o !== n && o.includes('-') && camel(o) === n));
  return `${typed.length === 1 ? 'Unknown argument' : 'Unknown arguments'}: ${typed.map((n) => asTyped(n, argv)).join(', ')}`;
}

function camel(s: string): string {
  return s.replace(/-+([^-])/g, (_, c: string) => c.toUpperCase());
}

function asTyped(name: string, argv: readonly string[]): string {
  for (const form of [`--${name}`, `--no-${name}`, `-${name}`]) {
    if (argv.some((a) => a === form || a.startsWith(`${form}=`))) return form;
  }
  return name;
}
