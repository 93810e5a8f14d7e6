import { resolve } from 'node:path';
import { hasErrors } from '../../engine/diag/index.js';
import { runDrift } from '../../engine/drift/index.js';
import type { WorkspaceArgs } from '../commands/options.js';
import { useColor } from '../views/color.js';
import { renderDriftText } from '../views/drift-text.js';
import type { JsonUi } from '../views/json-ui.js';
import { renderDriftMarkdown } from '../views/markdown.js';
import { diagnosticReporter, jsonUiFor, prepare } from './plan.js';

// `runform drift [DIR]`: reads every managed resource and reports what changed outside runform.
// Read-only: no lock, no state write, no mutating API call; so it can run while an apply holds the lock.

/** Closed set of report formats. */
export type DriftFormat = 'text' | 'json' | 'markdown';

export interface DriftArgs extends WorkspaceArgs {
  dir?: string;
  format: DriftFormat;
  ignore?: string[];
  parallelism?: number;
  var?: string[];
  'var-file'?: string[];
  color?: boolean;
  json?: boolean;
}

/** Runs `runform drift`. */
export async function driftHandler(args: DriftArgs): Promise<void> {
  const ui = jsonUiFor(args);
  try {
    await drift(args, ui);
  } finally {
    ui?.close();
  }
}

async function drift(args: DriftArgs, ui: JsonUi | undefined): Promise<void> {
  const report = diagnosticReporter(args, ui);
  const dir = resolve(args.dir ?? '.');
  const prep = await prepare(dir, args, new Set(), report);
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
  report(r.diagnostics, prep.module.sources);
  const { report: found, plan } = r;
  if (!found || !plan || hasErrors(r.diagnostics)) {
    process.exitCode = 1;
    return;
  }
  if (ui) {
    // The drift, then the configuration changes never applied, as a plan would stream them.
    for (const d of r.drift) ui.resourceDrift(d);
    for (const c of r.unapplied) ui.plannedChange(c);
    const n = (a: string) => r.unapplied.filter((c) => c.action === a).length;
    ui.changeSummary(
      { add: n('create') + n('replace'), change: n('update'), import: 0, remove: n('delete') + n('replace') },
      'plan',
    );
    process.exitCode = found.drifted ? 2 : 0;
    return;
  }
  const render: Record<DriftFormat, () => string> = {
    text: () => renderDriftText(found, args.color !== false && useColor(process.stdout)),
    json: () => `${JSON.stringify(found)}\n`,
    markdown: () => renderDriftMarkdown({ report: found, drift: r.drift, unapplied: r.unapplied, plan }),
  };
  process.stdout.write(render[args.format]());
  process.exitCode = found.drifted ? 2 : 0;
}
