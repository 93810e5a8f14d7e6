import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { isFileEntry, readSourceFile, type SourceText } from '../../engine/config/index.js';
import type { Diagnostic } from '../../engine/diag/index.js';
import { formatHCL } from '../../engine/hcl/index.js';
import { EXIT_UNFORMATTED } from '../commands/fmt.js';
import { useColor } from '../views/color.js';
import { renderDiagnosticsText } from '../views/diagnostics.js';

export interface Args {
  path: string;
  check: boolean;
  diff: boolean;
  'no-color': boolean;
}

/** The files `fmt` looks at: the file itself, or every `*.hcl` in the folder (variable files too), sorted. */
function targets(path: string): { dir: string; names: string[] } {
  if (statSync(path).isFile()) return { dir: join(path, '..'), names: [basename(path)] };
  const names = readdirSync(path, { withFileTypes: true })
    .filter((e) => e.name.endsWith('.hcl') && isFileEntry(path, e))
    .map((e) => e.name)
    .sort();
  return { dir: path, names };
}

/** Runs `runform fmt`. */
export function fmtHandler(argv: Args): void {
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
    let source: SourceText;
    try {
      source = readSourceFile(file, name);
    } catch (e) {
      process.stderr.write(
        `Error: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
      );
      process.exitCode = 1;
      return;
    }
    const text = source.text;
    if (source.invalid) {
      // Not rewritten: the bytes that are not UTF-8 would be lost.
      diags.push(source.invalid);
      sources.set(name, text);
      continue;
    }
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
}
