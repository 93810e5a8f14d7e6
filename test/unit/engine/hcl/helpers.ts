import type { Diagnostic } from '../../../../engine/diag/index.js';
import type { Attribute, Expression } from '../../../../engine/hcl/index.js';
import { parseExpression, parseHCL } from '../../../../engine/hcl/index.js';

/** Parses an expression that must be valid, failing the test with the diagnostics otherwise. */
export function expr(src: string): Expression {
  const r = parseExpression(src, 'test.hcl');
  if (r.diagnostics.length > 0) throw new Error(r.diagnostics.map((d) => d.summary).join('; '));
  return r.expr;
}

/** The attribute `name` of a file that must parse without errors. */
export function attr(src: string, name: string): Attribute {
  const r = parseHCL(src, 'test.hcl');
  if (r.diagnostics.length > 0) throw new Error(r.diagnostics.map((d) => d.summary).join('; '));
  const a = r.file.body.attributes.find((x) => x.name === name);
  if (!a) throw new Error(`no attribute ${name}`);
  return a;
}

/** Diagnostics of a file, as `line:col summary`. */
export function errorsOf(src: string): string[] {
  return parseHCL(src, 'test.hcl').diagnostics.map(where);
}

/** A diagnostic as `line:col summary`. */
export function where(d: Diagnostic): string {
  return `${d.range?.start.line}:${d.range?.start.column} ${d.summary}`;
}

const DROPPED = new Set([
  'range',
  'nameRange',
  'typeRange',
  'openBraceRange',
  'closeBraceRange',
  'attributes',
  'blocks',
]);

/**
 * Removes ranges from a node so that a test can compare shapes and values. A body's `attributes`
 * and `blocks` go too: they are views of `items`, and keeping them doubles the output at every level.
 */
export function strip(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node, (k, v) => (DROPPED.has(k) ? undefined : v)));
}
