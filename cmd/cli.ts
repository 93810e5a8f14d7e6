import { readFileSync } from 'node:fs';
import yargs from 'yargs';

/** The package version, read once from package.json next to dist/. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Parses the command line, runs the command and resolves to the process exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  let code = 0;
  const parser = yargs([...argv])
    .scriptName('runform')
    .usage('$0 <command> [options]\n\nA declarative plan/apply engine for AWS App Runner.')
    .version(version())
    .strict()
    .demandCommand(1, 'Name a command; see `runform --help`.')
    .recommendCommands()
    .fail((msg, err) => {
      // User errors from argument parsing: a message and exit 1, never a stack trace.
      process.stderr.write(`Error: ${msg ?? err?.message}\n`);
      code = 1;
    })
    .help();
  await parser.parseAsync();
  return code;
}
