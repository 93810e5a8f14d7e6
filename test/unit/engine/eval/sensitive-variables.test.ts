import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModule, resolveVariables, type VariableInputs } from '../../../../engine/config/index.js';
import type { Diagnostic } from '../../../../engine/diag/index.js';
import { configDir } from '../config/helpers.js';

// A sensitive variable's value is evaluated and converted before it is marked, from whichever source
// gave it: its default, --var, RUNFORM_VAR_name or a variables file. A failure on the way must not
// show the value; the diagnostic keeps its summary and its range.

const SECRET = 'S3CRETVALUE';

const DECLS = `variable "sn" {
  type      = number
  sensitive = true
  default   = 1
}
variable "sm" {
  type      = map(number)
  sensitive = true
  default   = {}
}
variable "pn" {
  type    = number
  default = 1
}
`;

function resolve(inputs: VariableInputs, files: Record<string, string> = {}, decls = DECLS) {
  const dir = configDir({ 'main.hcl': decls, ...files });
  const loaded = loadModule(dir);
  expect(loaded.diagnostics).toEqual([]);
  return { dir, diagnostics: resolveVariables(loaded.module, inputs).diagnostics };
}

/** Checks that no diagnostic shows the secret and returns the ones with a hidden detail. */
function hidden(diagnostics: readonly Diagnostic[], name: string): Diagnostic[] {
  expect(JSON.stringify(diagnostics)).not.toContain(SECRET);
  const want = `The details are hidden because they could show the value of the sensitive variable "${name}".`;
  return diagnostics.filter((d) => d.detail === want);
}

describe('errors about the value of a sensitive variable', () => {
  it('--var: an undeclared name in the value is not echoed', () => {
    const r = resolve({ cli: [{ kind: 'var', text: `sn=${SECRET}` }] });
    const [d] = hidden(r.diagnostics, 'sn');
    expect(d.summary).toBe('Reference to undeclared name');
    expect(d.range).toMatchObject({ filename: '--var sn', start: { line: 1, column: 1 } });
    expect(d.range?.end.column).toBe(1 + SECRET.length);
  });

  it('--var: a number too large to hold exactly is not echoed', () => {
    const r = resolve({ cli: [{ kind: 'var', text: 'sn=9007199254740993' }] });
    expect(JSON.stringify(r.diagnostics)).not.toContain('9007199254740993');
    expect(hidden(r.diagnostics, 'sn').map((d) => d.summary)).toEqual(['Invalid number literal']);
  });

  it('RUNFORM_VAR_name: the value is not echoed', () => {
    const r = resolve({ env: { RUNFORM_VAR_sn: `tonumber("${SECRET}")` } });
    const [d] = hidden(r.diagnostics, 'sn');
    expect(d.summary).toBe('Invalid function argument');
    expect(d.range).toMatchObject({ filename: 'RUNFORM_VAR_sn', start: { line: 1, column: 10 } });
  });

  it('a variables file: a failed conversion does not name the keys of the value', () => {
    const r = resolve({}, { 'runform.vars.hcl': `sm = { ${SECRET} = "x" }\n` });
    const [d] = hidden(r.diagnostics, 'sm');
    expect(d.summary).toBe('Invalid value for variable "sm"');
    expect(d.range).toMatchObject({ filename: 'runform.vars.hcl', start: { line: 1, column: 6 } });
  });

  it('--var-file: the value is not echoed, and the variables file is found under its given name', () => {
    const dir = configDir({ 'x.vars': `sn = ${SECRET}\n` });
    const r = resolve({ cli: [{ kind: 'var-file', path: join(dir, 'x.vars') }] });
    const [d] = hidden(r.diagnostics, 'sn');
    expect(d.summary).toBe('Reference to undeclared name');
    expect(d.range).toMatchObject({ filename: join(dir, 'x.vars'), start: { line: 1, column: 6 } });
  });

  it('a default: an error in evaluating it is not echoed', () => {
    const decls = `variable "sd" {\n  type      = number\n  sensitive = true\n  default   = tonumber("${SECRET}")\n}\n`;
    const r = resolve({}, {}, decls);
    const [d] = hidden(r.diagnostics, 'sd');
    expect(d.summary).toBe('Invalid function argument');
    expect(d.range).toMatchObject({ filename: 'main.hcl', start: { line: 4, column: 24 } });
  });

  it('a validation condition: a function error about the value is hidden where it happens', () => {
    const decls = `variable "sv" {
  sensitive = true
  default   = "${SECRET}"
  validation {
    condition     = tonumber(var.sv) > 1
    error_message = "sv must be a number above 1"
  }
}
`;
    const r = resolve({}, {}, decls);
    expect(JSON.stringify(r.diagnostics)).not.toContain(SECRET);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].detail).toBe(
      'Invalid value for "v" parameter of tonumber: the details are hidden because the value is sensitive.',
    );
    expect(r.diagnostics[0].range).toMatchObject({ filename: 'main.hcl', start: { line: 5, column: 30 } });
  });

  it('keeps other messages about a sensitive variable, and every message about a plain one', () => {
    const r = resolve({ cli: [{ kind: 'var', text: 'pn=NOTSECRET' }] });
    expect(r.diagnostics.map((d) => d.detail).join('\n')).toContain(
      'There is no value named "NOTSECRET" in this scope.',
    );
    const nulled = resolve({}, {}, 'variable "sn" {\n  sensitive = true\n  nullable  = false\n  default   = null\n}\n');
    expect(nulled.diagnostics.map((d) => d.detail)).toEqual(['The variable is not nullable, so it cannot be null.']);
  });
});
