import type { Diagnostic } from '../../engine/diag/index.js';
import { formatDiagnostics } from '../../engine/diag/index.js';

/** Text for humans: each diagnostic with its file:line:col and a source snippet when the text is known. */
export function renderDiagnosticsText(
  diags: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  color: boolean,
): string {
  return formatDiagnostics(diags, (f) => sources.get(f), { color });
}

/** The JSON form of one diagnostic, as `validate --json` prints it. */
export interface DiagnosticJSON {
  severity: Diagnostic['severity'];
  summary: string;
  detail: string;
  address?: string;
  range?: {
    filename: string;
    start: { line: number; column: number; byte: number };
    end: { line: number; column: number; byte: number };
  };
}

/** Converts a diagnostic to its JSON form (plain objects, stable field order). */
export function diagnosticJSON(d: Diagnostic): DiagnosticJSON {
  return {
    severity: d.severity,
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.address ? { address: d.address } : {}),
    ...(d.range
      ? {
          range: {
            filename: d.range.filename,
            start: { line: d.range.start.line, column: d.range.start.column, byte: d.range.start.byte },
            end: { line: d.range.end.line, column: d.range.end.column, byte: d.range.end.byte },
          },
        }
      : {}),
  };
}
