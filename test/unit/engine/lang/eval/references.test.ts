// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${} is interpolation
import { describe, expect, it } from 'vitest';
import {
  isKnown,
  markSensitive,
  num,
  object,
  str,
  tString,
  tuple,
  unknown,
  type Value,
} from '../../../../../engine/lang/index.js';
import { evalOk, evalText } from '../eval-helpers.js';
import { plain, val } from '../values-helpers.js';

const roots: Record<string, Value> = {
  var: val({ region: 'eu-west-1', tags: { env: 'prod' }, ports: [80, 443] }),
  local: val({ name: 'web' }),
  aws_apprunner_service: object({
    web: val({ arn: 'arn:web', url: 'web.example' }),
    many: tuple([val({ id: 'a' }), val({ id: 'b' })]),
    keyed: val({ blue: { id: 'b1' } }),
    pending: object({ arn: unknown(tString) }),
  }),
  data: val({ aws_region: { current: { name: 'eu-west-1' } } }),
  count: val({ index: 2 }),
  each: val({ key: 'k', value: 'v' }),
  path: val({ module: '.' }),
};

describe('references', () => {
  it('resolves variables, locals, resources, data sources, count, each and path', () => {
    expect(plain(evalOk('var.region', roots))).toBe('eu-west-1');
    expect(plain(evalOk('var.tags["env"]', roots))).toBe('prod');
    expect(plain(evalOk('var.ports[1]', roots))).toBe(443);
    expect(plain(evalOk('local.name', roots))).toBe('web');
    expect(plain(evalOk('aws_apprunner_service.web.arn', roots))).toBe('arn:web');
    expect(plain(evalOk('aws_apprunner_service.many[1].id', roots))).toBe('b');
    expect(plain(evalOk('aws_apprunner_service.keyed["blue"].id', roots))).toBe('b1');
    expect(plain(evalOk('data.aws_region.current.name', roots))).toBe('eu-west-1');
    expect(plain(evalOk('count.index + 1', roots))).toBe(3);
    expect(plain(evalOk('"${each.key}=${each.value}"', roots))).toBe('k=v');
    expect(plain(evalOk('path.module', roots))).toBe('.');
  });
  it('passes unknown attributes through', () => {
    expect(isKnown(evalOk('aws_apprunner_service.pending.arn', roots))).toBe(false);
  });
  it('reports an undeclared root name with a suggestion', () => {
    const r = evalText('vr.region', roots);
    expect(r.diagnostics[0].summary).toBe('Reference to undeclared name');
    expect(r.diagnostics[0].detail).toContain('Did you mean "var"?');
    expect(r.diagnostics[0].range?.start.column).toBe(1);
  });
  it('reports undeclared variables, locals and resources by kind', () => {
    const v = evalText('var.regoin', roots).diagnostics[0];
    expect(v.summary).toBe('Reference to undeclared input variable');
    expect(v.detail).toContain('Did you mean "region"?');
    // The range runs from the root name to the attribute, in the file the expression came from.
    expect(v.range?.filename).toBe('test.hcl');
    expect([v.range?.start.column, v.range?.end.column]).toEqual([1, 11]);
    expect(evalText('local.nme', roots).diagnostics[0].summary).toBe('Reference to undeclared local value');
    const res = evalText('aws_apprunner_service.api.arn', roots).diagnostics[0];
    expect(res.summary).toBe('Reference to undeclared resource');
    expect(res.detail).toContain('"aws_apprunner_service" "api"');
    expect(evalText('data.aws_region.other', roots).diagnostics[0].detail).toContain('data resource');
  });
  it('reports unsupported attributes, bad indexes and null access', () => {
    expect(evalText('var.tags.nope', roots).diagnostics[0].summary).toBe('Unsupported attribute');
    expect(evalText('var.ports[5]', roots).diagnostics[0].summary).toBe('Invalid index');
    expect(evalText('var.ports["x"]', roots).diagnostics[0].detail).toContain('a number is required');
    expect(evalText('var.region.x', roots).diagnostics[0].detail).toContain('primitive-typed value (string)');
    expect(evalText('null.x', roots).diagnostics[0].summary).toBe('Attempt to get attribute from null value');
    expect(evalText('toset(["a"])[0]', roots).diagnostics[0].detail).toContain('Elements of a set');
  });
  it('marks values read from a sensitive container', () => {
    const r = { s: markSensitive(val({ a: 'x' })), k: markSensitive(str('a')), m: val({ a: 'y' }) };
    expect(evalOk('s.a', r).sensitive).toBe(true);
    expect(evalOk('m[k]', r).sensitive).toBe(true);
  });
  it('indexes with an unknown key to an unknown', () => {
    expect(isKnown(evalOk('var.ports[u]', { ...roots, u: unknown() }))).toBe(false);
  });
  it('accepts the legacy dotted index', () => {
    expect(plain(evalOk('var.ports.0', roots))).toBe(80);
    expect(plain(evalOk('[num][0]', { num: num(1) }))).toBe(1);
  });
});
