import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModule, resolveVariables } from '../../../../engine/config/index.js';
import { toJSON } from '../../../../engine/lang/index.js';
import { configDir } from '../config/helpers.js';

const decl = `
variable "name" {
  type    = string
  default = "from-default"
}
variable "n" {
  type    = number
  default = 1
}
variable "tags" {
  type    = map(string)
  default = {}
}
`;

function resolve(files: Record<string, string>, inputs: Parameters<typeof resolveVariables>[1] = {}) {
  const dir = configDir({ 'main.hcl': decl, ...files });
  const r = resolveVariables(loadModule(dir).module, inputs);
  const out: Record<string, unknown> = {};
  for (const [k, v] of r.values) out[k] = toJSON(v);
  return { out, diags: r.diagnostics, dir };
}

describe('variable values', () => {
  it('uses the default when nothing else sets a value', () => {
    expect(resolve({}).out.name).toBe('from-default');
  });

  it('applies sources in precedence order: env < runform.vars.hcl < auto files < --var-file < --var', () => {
    const env = { RUNFORM_VAR_name: 'env', RUNFORM_VAR_n: '7' };
    expect(resolve({}, { env }).out).toMatchObject({ name: 'env', n: 7 });
    expect(resolve({ 'runform.vars.hcl': 'name = "vars"\n' }, { env }).out.name).toBe('vars');
    const auto = {
      'runform.vars.hcl': 'name = "vars"\n',
      'a.auto.vars.hcl': 'name = "a"\n',
      'b.auto.vars.hcl': 'name = "b"\n',
    };
    expect(resolve(auto, { env }).out.name).toBe('b');
    const { dir } = resolve({});
    const file = join(dir, 'extra.hcl.vars');
    writeFileSync(file, 'name = "file"\n');
    expect(resolve(auto, { env, cli: [{ kind: 'var-file', path: file }] }).out.name).toBe('file');
    const both = resolve(auto, {
      env,
      cli: [
        { kind: 'var', text: 'name=cli' },
        { kind: 'var-file', path: file },
      ],
    });
    expect(both.out.name).toBe('file');
  });

  it('parses non-string values given as text and converts them to the type', () => {
    const r = resolve(
      {},
      {
        cli: [
          { kind: 'var', text: 'tags={a = "b"}' },
          { kind: 'var', text: 'n=42' },
        ],
      },
    );
    expect(r.diags).toEqual([]);
    expect(r.out).toMatchObject({ tags: { a: 'b' }, n: 42 });
  });

  it('reports a value of the wrong type with its position', () => {
    const r = resolve({ 'runform.vars.hcl': 'n = "many"\n' });
    expect(r.diags[0].summary).toBe('Invalid value for variable "n"');
    expect(r.diags[0].range?.filename).toBe('runform.vars.hcl');
  });

  it('reports a bare word given for a number once, saying how such values are written', () => {
    const r = resolve({}, { cli: [{ kind: 'var', text: 'n=abc' }] });
    expect(r.diags.map((d) => [d.range?.filename, d.summary])).toEqual([['--var n', 'Reference to undeclared name']]);
    expect(r.diags[0]!.detail).toContain('There is no value named "abc"');
    expect(r.diags[0]!.detail).toContain('a string in quotes ("text"), a number (3)');
  });

  it('reports a required variable with no value', () => {
    const dir = configDir({ 'main.hcl': 'variable "region" {\n  type = string\n}\n' });
    const r = resolveVariables(loadModule(dir).module, {});
    expect(r.diagnostics[0].summary).toBe('No value for required variable "region"');
    expect(r.diagnostics[0].range?.start.line).toBe(1);
  });

  it('runs validation blocks and reports their message at the condition', () => {
    const dir = configDir({
      'main.hcl': `variable "size" {
  type = number
  validation {
    condition     = var.size < 10
    error_message = "size must be under 10"
  }
}
`,
    });
    const r = resolveVariables(loadModule(dir).module, { cli: [{ kind: 'var', text: 'size=12' }] });
    expect(r.diagnostics.map((d) => d.detail)).toEqual(['size must be under 10']);
    expect(r.diagnostics[0].range?.start.line).toBe(4);
  });

  it('marks sensitive variables and refuses null for non-nullable ones', () => {
    const dir = configDir({
      'main.hcl': 'variable "token" {\n  sensitive = true\n}\nvariable "x" {\n  nullable = false\n}\n',
      'runform.vars.hcl': 'x = null\n',
    });
    const r = resolveVariables(loadModule(dir).module, { cli: [{ kind: 'var', text: 'token=s3cret' }] });
    expect(r.values.get('token')?.sensitive).toBe(true);
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['No value for required variable "x"']);
  });

  it('refuses --var for an undeclared variable, suggesting a close name', () => {
    const r = resolve({}, { cli: [{ kind: 'var', text: 'nme=x' }] });
    expect(r.diags[0].severity).toBe('error');
    expect(r.diags[0].detail).toContain('"name"');
  });
});
