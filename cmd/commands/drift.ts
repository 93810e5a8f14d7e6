import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { hasErrors } from '../../engine/diag/index.js';
import { runDrift } from '../../engine/drift/index.js';
import { useColor } from '../views/color.js';
import { renderDriftText } from '../views/drift-text.js';
import { renderDriftMarkdown } from '../views/markdown.js';
import { prepare, printDiagnostics } from './plan.js';

// `runform drift [DIR]`: reads every managed resource and reports what changed outside runform.
// Read-only: no lock, no state write, no mutating API call; so it can run while an apply holds the lock.

/** Closed set of report formats. */
export type DriftFormat = 'text' | 'json' | 'markdown';

interface DriftArgs {
  dir?: string;
  format: DriftFormat;
  ignore?: string[];
  parallelism?: number;
  var?: string[];
  'var-file'?: string[];
  color?: boolean;
}

/** `runform drift [DIR]` */
export const driftCommand: CommandModule<object, DriftArgs> = {
  command: 'drift [dir]',
  describe: 'Report changes made outside runform (exit 2 when there are any)',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', default: '.', describe: 'The configuration folder' })
      .option('format', {
        choices: ['text', 'json', 'markdown'] as const,
        default: 'text' as DriftFormat,
        describe: 'Report as text, JSON, or GitHub-flavoured markdown',
      })
      .option('ignore', {
        type: 'string',
        array: true,
        describe: 'Known drift to leave out: ADDR or ADDR.attr.path (repeatable)',
      })
      .option('parallelism', { type: 'number', default: 32, describe: 'Concurrent provider calls' })
      .option('var', { type: 'string', array: true, describe: 'Set a variable: NAME=VALUE (repeatable)' })
      .option('var-file', { type: 'string', array: true, describe: 'Read variable values from a file (repeatable)' })
      .option('color', {
        type: 'boolean',
        default: true,
        describe: 'Colour on a terminal (--no-color turns it off)',
      }) as Argv<DriftArgs>,
  handler: async (args) => {
    const dir = resolve(args.dir ?? '.');
    const prep = await prepare(dir, args);
    if (!prep) {
      process.exitCode = 1;
      return;
    }
    const r = await runDrift({
      module: prep.module,
      variables: prep.variables,
      backend: prep.backend,
      providers: prep.providers,
      parallelism: args.parallelism ?? 32,
      ignore: args.ignore ?? [],
    });
    printDiagnostics(r.diagnostics, prep.module.sources, args.color === false);
    const { report, plan } = r;
    if (!report || !plan || hasErrors(r.diagnostics)) {
      process.exitCode = 1;
      return;
    }
    const render: Record<DriftFormat, () => string> = {
      text: () => renderDriftText(report, args.color !== false && useColor(process.stdout)),
      json: () => `${JSON.stringify(report)}\n`,
      markdown: () => renderDriftMarkdown({ report, drift: r.drift, unapplied: r.unapplied, plan }),
    };
    process.stdout.write(render[args.format]());
    process.exitCode = report.drifted ? 2 : 0;
  },
};
