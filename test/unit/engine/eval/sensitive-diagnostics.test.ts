import { describe, expect, it } from 'vitest';
import { loadModule, resolveVariables } from '../../../../engine/config/index.js';
import type { Diagnostic } from '../../../../engine/diag/index.js';
import { Evaluator } from '../../../../engine/eval/index.js';
import { configDir } from '../config/helpers.js';

// Errors in expressions that use a sensitive value say that the details are hidden, and never show
// the value; they still name the function and the argument, at the argument's position. Locals are
// evaluated here the way plan evaluates them: loaded from a folder, with resolved variables.

const SECRET = 'S3CRETVALUE';
const PLAIN = 'PLAINVALUE';

const VARIABLES = `variable "secret" {
  default   = "${SECRET}"
  sensitive = true
}
variable "plain" {
  default = "${PLAIN}"
}
variable "secrets" {
  default   = { key = "${SECRET}" }
  sensitive = true
}
`;

/** Evaluates `local.x = expr` from a real configuration folder and returns its diagnostics and where `expr` sits. */
function localDiagnostics(expr: string, files: Record<string, string> = {}) {
  const main = `${VARIABLES}locals {\n  x = ${expr}\n}\n`;
  const loaded = loadModule(configDir({ 'main.hcl': main, ...files }));
  expect(loaded.diagnostics).toEqual([]);
  const vars = resolveVariables(loaded.module, {});
  expect(vars.diagnostics).toEqual([]);
  const ev = new Evaluator(loaded.module, vars.values, { resource: () => undefined });
  const line = main.split('\n').indexOf(`  x = ${expr}`) + 1;
  /** The column (1-based) of the `nth` occurrence of `needle` on the local's line. */
  const column = (needle: string, nth = 1): number => {
    let at = -1;
    for (let i = 0; i < nth; i++) at = `  x = ${expr}`.indexOf(needle, at + 1);
    return at + 1;
  };
  return { diagnostics: ev.localDiagnostics('x'), line, column };
}

/** The one diagnostic, after checking that nothing in it shows the secret. */
function only(diagnostics: readonly Diagnostic[]): Diagnostic {
  expect(diagnostics).toHaveLength(1);
  expect(JSON.stringify(diagnostics)).not.toContain(SECRET);
  return diagnostics[0];
}

describe('function errors about a sensitive argument', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    // [expression, parameter name, the argument at fault]
    ['tonumber(var.secret)', 'v', 'var.secret'],
    ['tobool(var.secret)', 'v', 'var.secret'],
    ['jsondecode(var.secret)', 'str', 'var.secret'],
    ['file(var.secret)', 'path', 'var.secret'],
    ['templatefile(var.secret, {})', 'path', 'var.secret'],
    ['parseint(var.secret, 10)', 'number', 'var.secret'],
    ['timeadd(var.secret, "1h")', 'timestamp', 'var.secret'],
    ['timeadd("2024-01-01T00:00:00Z", var.secret)', 'duration', 'var.secret'],
    ['formatdate("YYYY", var.secret)', 'time', 'var.secret'],
    ['formatdate(var.secret, "2024-01-01T00:00:00Z")', 'format', 'var.secret'],
    ['lookup({}, var.secret)', 'key', 'var.secret'],
    ['tonumber(var.secrets.key)', 'v', 'var.secrets.key'],
  ];

  for (const [expr, param, arg] of cases) {
    it(`${expr}: hides the value, names the parameter and points at the argument`, () => {
      const r = localDiagnostics(expr);
      const d = only(r.diagnostics);
      const fn = expr.slice(0, expr.indexOf('('));
      expect(d.summary).toBe('Invalid function argument');
      expect(d.detail).toBe(
        `Invalid value for "${param}" parameter of ${fn}: the details are hidden because the value is sensitive.`,
      );
      expect(d.range?.filename).toBe('main.hcl');
      expect(d.range?.start).toMatchObject({ line: r.line, column: r.column(arg) });
      expect(d.range?.end).toMatchObject({ line: r.line, column: r.column(arg) + arg.length });
    });
  }

  it('names the sensitive argument when the error is blamed on another one', () => {
    const r = localDiagnostics('lookup(var.secrets, "missing")');
    const d = only(r.diagnostics);
    expect(d.detail).toBe(
      'Invalid value for "key" parameter of lookup: the details are hidden because argument 1 ("inputMap") is sensitive.',
    );
    expect(d.range?.start).toMatchObject({ line: r.line, column: r.column('"missing"') });
  });

  it('hides an error inside a template rendered with a sensitive variable, at the call', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the template text holds an interpolation on purpose.
    const template = 'n = ${tonumber(v)}\n';
    const r = localDiagnostics('templatefile("t.tpl", { v = var.secret })', { 't.tpl': template });
    const d = only(r.diagnostics);
    expect(d.summary).toBe('Error in function call');
    expect(d.detail).toBe(
      'Call to function "templatefile" failed: the details are hidden because argument 2 ("vars") is sensitive.',
    );
    expect(d.range?.start).toMatchObject({ line: r.line, column: r.column('templatefile') });
  });

  it('hides the value inside try’s list of failures', () => {
    const d = only(localDiagnostics('try(tonumber(var.secret), tobool(var.secret))').diagnostics);
    expect(d.detail).toContain('parameter of tonumber: the details are hidden because the value is sensitive.');
    expect(d.detail).toContain('parameter of tobool: the details are hidden because the value is sensitive.');
  });

  it('keeps the message unchanged when no argument is sensitive', () => {
    const r = localDiagnostics('tonumber(var.plain)');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].detail).toBe(
      `Invalid value for "v" parameter of tonumber: cannot convert "${PLAIN}" to number; given string must be a decimal representation of a number`,
    );
    expect(r.diagnostics[0].range?.start).toMatchObject({ line: r.line, column: r.column('var.plain') });
    const lookup = localDiagnostics('lookup({}, var.plain)').diagnostics;
    expect(lookup[0].detail).toBe(`Invalid value for "key" parameter of lookup: lookup failed to find key "${PLAIN}"`);
  });
});

describe('duplicate keys made from sensitive values', () => {
  it('hides the name of a duplicate attribute in an object constructor, at the second key', () => {
    const r = localDiagnostics('{ (var.secret) = 1, (var.secret) = 2 }');
    const d = only(r.diagnostics);
    expect(d.summary).toBe('Duplicate object attribute');
    expect(d.detail).toBe(
      'An attribute with this name was already defined in this object; the name is hidden because it is sensitive.',
    );
    expect(d.range?.start).toMatchObject({ line: r.line, column: r.column('(var.secret)', 2) });
  });

  it('hides it too when only the first of the two keys is sensitive', () => {
    const r = localDiagnostics(`{ (var.secret) = 1, ${SECRET} = 2 }`);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].detail).toContain('the name is hidden because it is sensitive');
  });

  it('hides a duplicate key of a for expression over a sensitive collection', () => {
    const d = only(localDiagnostics('{ for k in [var.secret, var.secret] : k => 1 }').diagnostics);
    expect(d.summary).toBe('Duplicate object key');
    expect(d.detail).toContain('the same key (hidden because it is sensitive)');
  });

  it('treats the elements of a sensitive collection as sensitive inside a for expression', () => {
    const r = localDiagnostics('[for v in var.secrets : tonumber(v)]');
    const d = only(r.diagnostics);
    expect(d.detail).toBe(
      'Invalid value for "v" parameter of tonumber: the details are hidden because the value is sensitive.',
    );
    expect(d.range?.start).toMatchObject({ line: r.line, column: r.column('v)') });
  });

  it('keeps naming a duplicate key that is not sensitive', () => {
    const r = localDiagnostics('{ (var.plain) = 1, (var.plain) = 2 }');
    expect(r.diagnostics.map((d) => d.detail)).toEqual([
      `An attribute named "${PLAIN}" was already defined in this object.`,
    ]);
  });
});
