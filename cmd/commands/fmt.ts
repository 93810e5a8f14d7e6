import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { CommandModule } from 'yargs';
import type { Diagnostic } from '../../engine/diag/index.js';
import { formatHCL } from '../../engine/hcl/index.js';
import { useColor } from '../views/color.js';
import { renderDiagnosticsText } from '../views/diagnostics.js';

interface Args {
  path: string;
  check: boolean;
  diff: boolean;
  'no-color': boolean;
}

/** Exit code of `fmt --check` when some file is not in canonical form. */
export const EXIT_UNFORMATTED = 3;

/** The files `fmt` looks at: the file itself, or every `*.hcl` in the folder (variable files too), sorted. */
function targets(path: string): { dir: string; names: string[] } {
  if (statSync(path).isFile()) return { dir: join(path, '..'), names: [basename(path)] };
  const names = readdirSync(path, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.hcl'))
    .map((e) => e.name)
    .sort();
  return { dir: path, names };
}

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
  handler: (argv) => {
    let found: { dir: string; names: string[] };
    try {
      found = targets(argv.path);
    } catch (e) {
      process.stderr.write(
        `Error: cannot read ${argv.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
      );
      process.exitCode = 1;
      return;
    }
    const diags: Diagnostic[] = [];
    const sources = new Map<string, string>();
    let changed = 0;
    for (const name of found.names) {
      const file = join(found.dir, name);
      const text = readFileSync(file, 'utf8');
      const r = formatHCL(text, name);
      if (r.output === undefined) {
        diags.push(...r.diagnostics);
        sources.set(name, text);
        continue;
      }
      if (r.output === text) continue;
      changed++;
      process.stdout.write(`${name}\n`);
      if (argv.diff)
        process.stdout.write(createTwoFilesPatch(`a/${name}`, `b/${name}`, text, r.output, '', '', { context: 3 }));
      if (!argv.check) writeFileSync(file, r.output);
    }
    if (diags.length > 0) {
      process.stderr.write(`${renderDiagnosticsText(diags, sources, useColor(process.stderr, argv['no-color']))}\n`);
      process.exitCode = 1;
    } else {
      process.exitCode = argv.check && changed > 0 ? EXIT_UNFORMATTED : 0;
    }
  },
};
