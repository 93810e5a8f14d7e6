import { type Diagnostic, formatRange } from './diagnostic.js';

/** Where the formatter can find the text of a file named in a range. */
export type SourceLookup = (filename: string) => string | undefined;

/** Options for rendering diagnostics as text. */
export interface FormatOptions {
  readonly color?: boolean;
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/**
 * Renders one diagnostic as
 *   file:line:col: error: summary
 *     detail
 *     12 | source line
 *        |     ^^^^
 * The snippet is shown only when the source text can be found.
 */
export function formatDiagnostic(d: Diagnostic, sources?: SourceLookup, opts: FormatOptions = {}): string {
  const color = opts.color ?? false;
  const sev = d.severity === 'error' ? paint(color, '1;31', 'error') : paint(color, '1;33', 'warning');
  const where = d.range ? `${formatRange(d.range)}: ` : '';
  const addr = d.address && !d.range ? `${d.address}: ` : '';
  const lines = [`${where}${addr}${sev}: ${paint(color, '1', d.summary)}`];
  if (d.detail) {
    for (const l of d.detail.split('\n')) lines.push(`  ${l}`);
  }
  const text = d.range ? sources?.(d.range.filename) : undefined;
  if (d.range && text !== undefined) lines.push(...snippet(text, d, color));
  return lines.join('\n');
}

/** Renders many diagnostics, separated by blank lines. */
export function formatDiagnostics(
  diags: readonly Diagnostic[],
  sources?: SourceLookup,
  opts: FormatOptions = {},
): string {
  return diags.map((d) => formatDiagnostic(d, sources, opts)).join('\n\n');
}

function snippet(text: string, d: Diagnostic, color: boolean): string[] {
  const r = d.range!;
  const lineText = lineAt(text, r.start.line);
  if (lineText === undefined) return [];
  const num = String(r.start.line);
  const gutter = ' '.repeat(num.length);
  // Columns count characters; expand tabs the same way on both lines so the caret stays aligned.
  const before = [...lineText].slice(0, r.start.column - 1).join('');
  const pad = before.replace(/[^\t]/g, ' ');
  const sameLine = r.end.line === r.start.line;
  const width = sameLine
    ? Math.max(1, r.end.column - r.start.column)
    : Math.max(1, [...lineText].length - before.length);
  const carets = paint(color, '1;31', '^'.repeat(Math.min(width, 200)));
  return [`  ${num} | ${lineText}`, `  ${gutter} | ${pad}${carets}`];
}

function lineAt(text: string, line: number): string | undefined {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  return text.slice(start, end).replace(/\r$/, '');
}
