import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../../engine/hcl/index.js';
import {
  convertToConstraint,
  parseTypeConstraint,
  tDynamic,
  toJSON,
  typeString,
} from '../../../../engine/lang/index.js';
import { val } from './values-helpers.js';

const parse = (text: string) => parseTypeConstraint(parseExpression(text, 'variables.hcl').expr);

describe('parseTypeConstraint', () => {
  it('parses keywords and constructors', () => {
    for (const text of [
      'string',
      'number',
      'bool',
      'any',
      'list(string)',
      'set(number)',
      'map(list(bool))',
      'tuple([string, number])',
    ]) {
      const r = parse(text);
      expect(r.diagnostics, text).toEqual([]);
      expect(typeString(r.type)).toBe(text);
    }
  });
  it('parses objects with optional attributes', () => {
    const r = parse('object({ name = string, port = optional(number), "tag-key" = optional(string, "x") })');
    expect(r.diagnostics).toEqual([]);
    expect(typeString(r.type)).toBe('object({name=string, port=optional(number), tag-key=optional(string)})');
    expect(r.defaults?.values.get('tag-key')?.payload).toBe('x');
  });
  it('reports bad specifications at the offending part', () => {
    const kw = parse('list(strin)');
    expect(kw.diagnostics[0].summary).toBe('Invalid type specification');
    expect(kw.diagnostics[0].detail).toContain('"strin"');
    expect(kw.diagnostics[0].range?.start.column).toBe(6);
    expect(kw.type).toEqual(tDynamic);
    expect(parse('"string"').diagnostics[0].detail).toContain('without quotes');
    expect(parse('optional(string)').diagnostics[0].detail).toContain('only as a modifier');
    expect(parse('list(string, number)').diagnostics).toHaveLength(1);
    expect(parse('object({ a = optional(number, "x") })').diagnostics[0].detail).toContain('Invalid default value');
    expect(parse('object({ a = optional(number, var.x) })').diagnostics[0].detail).toContain('constant');
    expect(parse('frob(string)').diagnostics[0].detail).toContain('not a valid type constructor');
  });
});

describe('convertToConstraint', () => {
  it('fills defaults at every depth, after conversion', () => {
    const c = parse(
      'object({ name = string, scaling = optional(object({ min = optional(number, 1), max = optional(number, 5) }), {}), rules = optional(list(object({ port = optional(number, 80) })), []) })',
    );
    expect(c.diagnostics).toEqual([]);
    const r = convertToConstraint(val({ name: 'w', rules: [{}, { port: '8080' }] }), c);
    expect(r.diagnostics).toEqual([]);
    expect(toJSON(r.value)).toEqual({ name: 'w', scaling: { min: 1, max: 5 }, rules: [{ port: 80 }, { port: 8080 }] });
  });
  it('reports a value that does not fit', () => {
    const r = convertToConstraint(val({ port: 'x' }), parse('object({ port = number })'));
    expect(r.diagnostics[0].summary).toBe('Invalid value for variable');
    expect(r.diagnostics[0].detail).toBe('port: a number is required.');
  });
});
