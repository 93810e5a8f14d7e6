/** A position in a source file: 1-based line and column (in characters), 0-based byte offset. */
export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly byte: number;
}

/** A half-open source range [start, end) within one file. */
export interface Range {
  readonly filename: string;
  readonly start: Pos;
  readonly end: Pos;
}

/** Closed set of diagnostic severities. */
export type Severity = 'error' | 'warning';

/** A problem reported to the user. Diagnostics, not exceptions, cross engine boundaries. */
export interface Diagnostic {
  readonly severity: Severity;
  /** One line: what is wrong. */
  readonly summary: string;
  /** Optional longer explanation: why, and what to do. */
  readonly detail?: string;
  /** Where in the configuration the problem is. */
  readonly range?: Range;
  /** The resource address the problem concerns, when there is one. */
  readonly address?: string;
}

/** Builds an error diagnostic. */
export function error(summary: string, range?: Range, detail?: string): Diagnostic {
  return { severity: 'error', summary, ...(detail !== undefined ? { detail } : {}), ...(range ? { range } : {}) };
}

/** Builds a warning diagnostic. */
export function warning(summary: string, range?: Range, detail?: string): Diagnostic {
  return { severity: 'warning', summary, ...(detail !== undefined ? { detail } : {}), ...(range ? { range } : {}) };
}

/** True when any diagnostic in the list is an error. */
export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** A range covering both a and b (they must be in the same file). */
export function spanRanges(a: Range, b: Range): Range {
  const start = a.start.byte <= b.start.byte ? a.start : b.start;
  const end = a.end.byte >= b.end.byte ? a.end : b.end;
  return { filename: a.filename, start, end };
}

/** Renders a range as `file:line:col`. */
export function formatRange(r: Range): string {
  return `${r.filename}:${r.start.line}:${r.start.column}`;
}
