// Rendering a template file's text with only the variables given to templatefile.

import { fail } from './failure.js';
import type { EvalContext } from './scope.js';
import type { Value } from './values.js';

/** Parses `text` as a template and evaluates it with exactly `vars` in scope. */
export function renderTemplateText(
  _text: string,
  filename: string,
  _vars: ReadonlyMap<string, Value>,
  _ctx: EvalContext,
): Value {
  return fail(
    'Template rendering unavailable',
    undefined,
    `Cannot render "${filename}": the template parser is not available yet.`,
  );
}
