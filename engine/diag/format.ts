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
  let chars = [...lineText];
  let col = r.start.column - 1;
  let lead = '';
  let tail = '';
  // A long line (minified JSON, say) is shown as a window around the column, not in full.
  if (chars.length > MAX_SHOWN) {
    const from = Math.max(0, Math.min(col - CONTEXT, chars.length - MAX_SHOWN));
    if (from > 0) lead = '…';
    if (from + MAX_SHOWN < chars.length) tail = '…';
    chars = chars.slice(from, from + MAX_SHOWN);
    col -= from;
  }
  const before = chars.slice(0, col).join('');
  const pad = `${lead ? ' ' : ''}${before.replace(/[^\t]/g, ' ')}`;
  const sameLine = r.end.line === r.start.line;
  const width = sameLine ? Math.max(1, r.end.column - r.start.column) : Math.max(1, chars.length - col);
  const carets = paint(color, '1;31', '^'.repeat(Math.max(1, Math.min(width, chars.length - col, 200))));
  return [`  ${num} | ${lead}${chars.join('')}${tail}`, `  ${gutter} | ${pad}${carets}`];
}

/** The most characters of a source line a snippet shows, and how many of them come before the column. */
const MAX_SHOWN = 160;
const CONTEXT = 60;

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
