// Evaluates HCL expression text against plain root values, for evaluation tests written as HCL.
import type { Diagnostic } from '../../../../engine/diag/index.js';
import { parseExpression } from '../../../../engine/hcl/index.js';
import { builtinFunctions, evaluate, scopeOf, type Value } from '../../../../engine/lang/index.js';

/** Parses and evaluates `text`; parse errors fail the test, evaluation diagnostics are returned. */
export function evalText(
  text: string,
  roots: Readonly<Record<string, Value>> = {},
  baseDir?: string,
): { value: Value; diagnostics: Diagnostic[] } {
  const parsed = parseExpression(text, 'test.hcl');
  if (parsed.diagnostics.length > 0) throw new Error(`parse failed: ${JSON.stringify(parsed.diagnostics)}`);
  return evaluate(parsed.expr, { scope: scopeOf(roots), functions: builtinFunctions(), baseDir });
}

/** Evaluates `text` and fails the test on any diagnostic. */
export function evalOk(text: string, roots: Readonly<Record<string, Value>> = {}, baseDir?: string): Value {
  const r = evalText(text, roots, baseDir);
  if (r.diagnostics.length > 0) throw new Error(`unexpected diagnostics: ${JSON.stringify(r.diagnostics)}`);
  return r.value;
}
