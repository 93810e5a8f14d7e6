import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  autoVarFiles,
  ENV_PREFIX,
  type Module,
  resolveVariables,
  type VariableInputs,
  type VariableValues,
} from '../config/index.js';
import type { Diagnostic, Range } from '../diag/index.js';
import { parseHCL } from '../hcl/index.js';

// Variable values are evaluated and converted before they are marked sensitive, so the messages made on
// the way (an undeclared name, a number too large, a failed conversion) can quote a sensitive value.
// These helpers find the diagnostics that point into where such a value was written and hide their details.

/** resolveVariables, with no diagnostic able to show the value of a sensitive variable. */
export function resolveVariableValues(module: Module, inputs: VariableInputs = {}): VariableValues {
  const r = resolveVariables(module, inputs);
  return { values: r.values, diagnostics: hideSensitiveVariableValues(module, inputs, r.diagnostics) };
}

/**
 * The diagnostics with the detail replaced wherever the range lies inside the value of a sensitive
 * variable: its default, its `--var` or `RUNFORM_VAR_` text, or its entry in a variables file.
 * Summaries and ranges are kept, so the message still says what went wrong and where.
 */
export function hideSensitiveVariableValues(
  module: Module,
  inputs: VariableInputs,
  diagnostics: readonly Diagnostic[],
): Diagnostic[] {
  const sources = sensitiveSources(module, inputs);
  if (sources.whole.size === 0) return [...diagnostics];
  return diagnostics.map((d) => {
    const name = d.range && owner(d.range, sources);
    if (name === undefined) return d;
    return {
      ...d,
      detail: `The details are hidden because they could show the value of the sensitive variable "${name}".`,
    };
  });
}

/** Where sensitive values were written: whole pseudo-files (command line, environment) and ranges in files. */
interface Sources {
  /** Pseudo-file name → variable name; resolveVariables names a --var or environment text this way. */
  readonly whole: ReadonlyMap<string, string>;
  readonly spans: readonly { readonly range: Range; readonly name: string }[];
}

function sensitiveSources(module: Module, inputs: VariableInputs): Sources {
  const whole = new Map<string, string>();
  const spans: { range: Range; name: string }[] = [];
  for (const v of module.variables.values()) {
    if (!v.sensitive) continue;
    whole.set(`--var ${v.name}`, v.name);
    whole.set(`${ENV_PREFIX}${v.name}`, v.name);
    if (v.default) spans.push({ range: v.default.range, name: v.name });
  }
  if (whole.size === 0) return { whole, spans };
  // The same files, under the same names, that resolveVariables reads.
  const files = autoVarFiles(module.dir).map((f) => ({ path: join(module.dir, f), shown: f }));
  for (const arg of inputs.cli ?? []) if (arg.kind === 'var-file') files.push({ path: arg.path, shown: arg.path });
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f.path, 'utf8');
    } catch {
      continue;
    }
    for (const a of parseHCL(text, f.shown).file.body.attributes) {
      if (module.variables.get(a.name)?.sensitive) spans.push({ range: a.expr.range, name: a.name });
    }
  }
  return { whole, spans };
}

/** The sensitive variable whose written value contains `r`, if any. */
function owner(r: Range, sources: Sources): string | undefined {
  const name = sources.whole.get(r.filename);
  if (name !== undefined) return name;
  const inside = (s: Range) => s.filename === r.filename && s.start.byte <= r.start.byte && r.end.byte <= s.end.byte;
  return sources.spans.find((s) => inside(s.range))?.name;
}
