import { type Diagnostic, error } from '../../engine/diag/index.js';
import { useColor } from '../views/color.js';
import { renderDiagnosticsText } from '../views/diagnostics.js';
import type { JsonUi } from '../views/json-ui.js';

// Where problems go: diagnostics with a place in the configuration, and problems without one.

/** Reports a problem with no place in the configuration (a bad option, a missing workspace) and sets exit code 1. */
export type Fail = (summary: string, detail: string) => void;

/** A Fail that writes one `Error:` line on stderr, or a diagnostic message to `ui` under --json. */
export function failer(ui?: JsonUi): Fail {
  return (summary, detail) => {
    if (ui) ui.diagnostic(error(summary, undefined, detail));
    else process.stderr.write(`Error: ${detail}\n`);
    process.exitCode = 1;
  };
}

/** Prints diagnostics to stderr. */
export function printDiagnostics(
  diags: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  noColor = false,
): void {
  if (diags.length > 0)
    process.stderr.write(`${renderDiagnosticsText(diags, sources, useColor(process.stderr, noColor))}\n`);
}

/** Where a command's diagnostics go: stderr as text, or the JSON stream under --json. */
export type ReportDiagnostics = (diags: readonly Diagnostic[], sources: ReadonlyMap<string, string>) => void;
