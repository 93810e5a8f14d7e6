import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, didYouMean, error, type Range, warning } from '../diag/index.js';
import { type Expression, parseExpression, parseHCL } from '../hcl/index.js';
import {
  builtinFunctions,
  convertToConstraint,
  EMPTY_SCOPE,
  type EvalContext,
  evaluate,
  isNull,
  isWhollyKnown,
  markSensitive,
  object,
  parseTypeConstraint,
  scopeOf,
  str,
  type TypeConstraint,
  tDynamic,
  type Value,
} from '../lang/index.js';
import type { Module, VariableDecl } from './module.js';
import { readSourceFile, type SourceText } from './source.js';

// Variable values from every source, lowest precedence first: the default, RUNFORM_VAR_name,
// runform.vars.hcl, *.auto.vars.hcl (lexical order), then --var-file and --var in command-line order.

/** One command-line variable argument, kept in the order given. */
export type CliVarArg =
  | { readonly kind: 'var'; readonly text: string }
  | { readonly kind: 'var-file'; readonly path: string };

/** Where variable values come from besides the configuration's defaults. */
export interface VariableInputs {
  /** The environment; `RUNFORM_VAR_name` entries are read from it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cli?: readonly CliVarArg[];
  /** Names whose values come from elsewhere (a saved plan): having no value here is not an error. */
  readonly provided?: ReadonlySet<string>;
}

/** The final value of every declared variable, converted, validated and marked. */
export interface VariableValues {
  readonly values: ReadonlyMap<string, Value>;
  readonly diagnostics: Diagnostic[];
}

/** The prefix of environment variables that set configuration variables. */
export const ENV_PREFIX = 'RUNFORM_VAR_';

/** A raw value before conversion: an expression to evaluate, or text taken literally for string variables. */
type Raw = { readonly expr: Expression } | { readonly text: string; readonly range?: Range };

/** Resolves every declared variable of the module. A required variable with no value is an error. */
export function resolveVariables(module: Module, inputs: VariableInputs = {}): VariableValues {
  const diags: Diagnostic[] = [];
  const raws = new Map<string, Raw>();
  const constraints = new Map<string, TypeConstraint>();
  for (const v of module.variables.values()) {
    if (!v.type) continue;
    const c = parseTypeConstraint(v.type);
    diags.push(...c.diagnostics);
    constraints.set(v.name, c);
  }
  const literalString = (name: string) => {
    const t = constraints.get(name)?.type;
    return t === undefined || t.kind === 'string';
  };
  for (const [k, text] of Object.entries(inputs.env ?? {})) {
    if (!k.startsWith(ENV_PREFIX) || text === undefined) continue;
    const name = k.slice(ENV_PREFIX.length);
    if (module.variables.has(name)) raws.set(name, rawText(name, text, k, literalString(name), diags));
  }
  const files = autoVarFiles(module.dir);
  for (const f of files) readVarFile(join(module.dir, f), f, module, raws, diags, false);
  for (const arg of inputs.cli ?? []) {
    if (arg.kind === 'var-file') {
      readVarFile(arg.path, arg.path, module, raws, diags, true);
      continue;
    }
    const eq = arg.text.indexOf('=');
    if (eq <= 0) {
      diags.push(error('Invalid --var option', undefined, `"${arg.text}" must be written as NAME=VALUE.`));
      continue;
    }
    const name = arg.text.slice(0, eq);
    if (!module.variables.has(name)) {
      diags.push(undeclared(name, module, undefined, 'the command line', true));
      continue;
    }
    raws.set(name, rawText(name, arg.text.slice(eq + 1), `--var ${name}`, literalString(name), diags));
  }
  const values = new Map<string, Value>();
  for (const decl of module.variables.values()) {
    const raw = raws.get(decl.name);
    if (!raw && !decl.default && inputs.provided?.has(decl.name)) continue;
    values.set(decl.name, finalValue(decl, raw, constraints.get(decl.name), diags));
  }
  for (const decl of module.variables.values()) validate(decl, values, module.dir, diags);
  return { values, diagnostics: diags };
}

/** `runform.vars.hcl` then `*.auto.vars.hcl` in lexical order, as present in the folder. */
export function autoVarFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const auto = names.filter((n) => n.endsWith('.auto.vars.hcl')).sort();
  return names.includes('runform.vars.hcl') ? ['runform.vars.hcl', ...auto] : auto;
}

function rawText(name: string, text: string, origin: string, literal: boolean, diags: Diagnostic[]): Raw {
  if (literal) return { text };
  const p = parseExpression(text, origin);
  if (p.diagnostics.length > 0) {
    diags.push(
      error(
        `Invalid value for variable "${name}"`,
        undefined,
        `The value given by ${origin} is not a valid expression: ${p.diagnostics[0].summary}.`,
      ),
    );
    return { text };
  }
  return { expr: p.expr };
}

function readVarFile(
  path: string,
  shown: string,
  module: Module,
  raws: Map<string, Raw>,
  diags: Diagnostic[],
  strict: boolean,
): void {
  let source: SourceText;
  try {
    source = readSourceFile(path, shown);
  } catch (e) {
    diags.push(error('Cannot read a variables file', undefined, `${shown}: ${(e as Error).message}`));
    return;
  }
  if (source.invalid) {
    diags.push(source.invalid);
    return;
  }
  const text = source.text;
  const parsed = parseHCL(text, shown);
  diags.push(...parsed.diagnostics);
  for (const b of parsed.file.body.blocks) {
    diags.push(error('Unexpected block in a variables file', b.typeRange, 'A variables file holds only NAME = value.'));
  }
  for (const a of parsed.file.body.attributes) {
    if (!module.variables.has(a.name)) {
      diags.push(undeclared(a.name, module, a.nameRange, shown, strict));
      continue;
    }
    raws.set(a.name, { expr: a.expr });
  }
}

function undeclared(
  name: string,
  module: Module,
  range: Range | undefined,
  where: string,
  strict: boolean,
): Diagnostic {
  const make = strict ? error : warning;
  return make(
    'Value for undeclared variable',
    range,
    `${where} sets "${name}", but no variable of that name is declared.${didYouMean(name, module.variables.keys())}`,
  );
}

const constCtx = (dir: string): EvalContext => ({ scope: EMPTY_SCOPE, functions: builtinFunctions(), baseDir: dir });

function finalValue(
  decl: VariableDecl,
  raw: Raw | undefined,
  constraint: TypeConstraint | undefined,
  diags: Diagnostic[],
): Value {
  const fail = (summary: string, detail: string): Value => {
    diags.push(error(summary, decl.range, detail));
    return { type: tDynamic, payload: null, sensitive: decl.sensitive };
  };
  // What evaluating and converting the value reports could quote it: hidden for a sensitive one.
  const valueDiags = (ds: readonly Diagnostic[]) => diags.push(...hideValueOf(decl, ds));
  let value: Value | undefined;
  let range: Range | undefined = decl.range;
  if (raw && 'expr' in raw) {
    const r = evaluate(raw.expr, { scope: EMPTY_SCOPE, functions: builtinFunctions() });
    const first = r.diagnostics.find((d) => d.severity === 'error');
    if (first) {
      // One message that says how such a value is written, not a second one about the outcome.
      valueDiags([
        {
          ...first,
          detail: `${first.detail} A value given outside the configuration is written as in HCL: a string in quotes ("text"), a number (3), true or false, a list (["a", "b"]) or an object ({ k = "v" }).`,
        },
      ]);
      return { type: tDynamic, payload: null, sensitive: decl.sensitive };
    }
    valueDiags(r.diagnostics);
    value = r.value;
    range = raw.expr.range;
  } else if (raw) value = str(raw.text);
  if (value && isNull(value) && !decl.nullable) value = undefined;
  if (value === undefined) {
    if (!decl.default) {
      return fail(
        `No value for required variable "${decl.name}"`,
        `Set it with --var ${decl.name}=…, a variables file, or the ${ENV_PREFIX}${decl.name} environment variable.`,
      );
    }
    const r = evaluate(decl.default, { scope: EMPTY_SCOPE, functions: builtinFunctions() });
    valueDiags(r.diagnostics);
    value = r.value;
    range = decl.default.range;
  }
  if (!isWhollyKnown(value)) return fail(`Invalid value for variable "${decl.name}"`, 'The value must be known.');
  if (constraint) {
    const c = convertToConstraint(value, constraint, range);
    valueDiags(c.diagnostics.map((d) => ({ ...d, summary: `Invalid value for variable "${decl.name}"` })));
    value = c.value;
  }
  if (isNull(value) && !decl.nullable) {
    return fail(`Invalid value for variable "${decl.name}"`, 'The variable is not nullable, so it cannot be null.');
  }
  return decl.sensitive ? markSensitive(value) : value;
}

/**
 * The diagnostics met while evaluating or converting a variable's value, with their details hidden
 * when the variable is sensitive: a value is evaluated and converted before it is marked sensitive,
 * so those messages (an undeclared name, a number too large, a failed conversion) may quote it.
 * Summaries and ranges stay, so the message still says what went wrong and where.
 */
export function hideValueOf(decl: VariableDecl, diags: readonly Diagnostic[]): Diagnostic[] {
  if (!decl.sensitive) return [...diags];
  const detail = `The details are hidden because they could show the value of the sensitive variable "${decl.name}".`;
  return diags.map((d) => ({ ...d, detail }));
}

function validate(decl: VariableDecl, values: ReadonlyMap<string, Value>, dir: string, diags: Diagnostic[]): void {
  if (decl.validations.length === 0) return;
  const own = values.get(decl.name);
  if (!own) return;
  const ctx: EvalContext = { ...constCtx(dir), scope: scopeOf({ var: object([[decl.name, own]]) }) };
  for (const rule of decl.validations) {
    const c = evaluate(rule.condition, ctx);
    if (c.diagnostics.length > 0) {
      diags.push(...c.diagnostics);
      continue;
    }
    if (c.value.payload !== false) continue;
    const m = evaluate(rule.errorMessage, ctx);
    const msg = typeof m.value.payload === 'string' && !m.value.sensitive ? m.value.payload : 'The value is not valid.';
    diags.push(error(`Invalid value for variable "${decl.name}"`, rule.condition.range, msg));
  }
}
