// Rendering a template file's text with only the variables given to templatefile. The parser has no
// template-only entry point, so the text is wrapped as a heredoc and positions are mapped back.
import type { Diagnostic, Range } from '../diag/index.js';
import { parseExpression } from '../hcl/index.js';
import type { Env } from './env.js';
import { ev } from './eval.js';
import { EvalFailure, fail } from './failure.js';
import { FuncError, type FunctionSpec } from './functions/spec.js';
import { type EvalContext, scopeOf } from './scope.js';
import { tDynamic } from './types.js';
import { str, type Value } from './values.js';

const MARKER = 'RUNFORM_TEMPLATE_EOT';

/** Inside a template, templatefile is refused: a template including itself would never end. */
const NO_RECURSION: FunctionSpec = {
  params: [],
  variadic: { name: 'args', type: tDynamic, allowNull: true },
  impl: () => {
    throw new FuncError('cannot call templatefile from inside a template rendered by templatefile');
  },
};

/** Parses `text` as a template and evaluates it with exactly `vars` in scope (plus the functions). */
export function renderTemplateText(
  text: string,
  filename: string,
  vars: ReadonlyMap<string, Value>,
  ctx: EvalContext,
): Value {
  if (text === '') return str('');
  const lines = text.split('\n');
  if (lines.some((l) => l.trim() === MARKER))
    fail('Invalid template', undefined, `The template "${filename}" contains a line reserved by the template reader.`);
  const head = `<<${MARKER}\n`;
  const addedNewline = !text.endsWith('\n');
  const wrapped = `${head}${text}${addedNewline ? '\n' : ''}${MARKER}\n`;
  const { expr, diagnostics } = parseExpression(wrapped, filename);
  const shift = (d: Diagnostic): Diagnostic => (d.range ? { ...d, range: unwrapRange(d.range, head.length) } : d);
  const parseError = diagnostics.find((d) => d.severity === 'error');
  if (parseError) throw new EvalFailure(shift(parseError));
  const functions = new Map(ctx.functions);
  functions.set('templatefile', NO_RECURSION);
  const env: Env = { ctx: { ...ctx, scope: scopeOf(vars), functions }, diags: [] };
  const value = ev(expr, env);
  const evalError = env.diags.find((d) => d.severity === 'error');
  if (evalError) throw new EvalFailure(shift(evalError));
  if (addedNewline && typeof value.payload === 'string' && value.payload.endsWith('\n'))
    return { ...value, payload: value.payload.slice(0, -1) };
  return value;
}

function unwrapRange(r: Range, headBytes: number): Range {
  const pos = (p: Range['start']) => ({
    line: Math.max(1, p.line - 1),
    column: p.column,
    byte: Math.max(0, p.byte - headBytes),
  });
  return { filename: r.filename, start: pos(r.start), end: pos(r.end) };
}
