import { describe, expect, it } from 'vitest';
import { type Expression, parseExpression } from '../../../../../engine/hcl/index.js';
import {
  builtinFunctions,
  evaluate,
  isKnown,
  scopeOf,
  str,
  tString,
  unknown,
  withFunctions,
} from '../../../../../engine/lang/index.js';
import { evalOk, evalText } from '../eval-helpers.js';
import { plain, val } from '../values-helpers.js';

describe('function call checks', () => {
  it('reports too few and too many arguments', () => {
    const few = evalText('element(["a"])').diagnostics[0];
    expect(few.summary).toBe('Not enough function arguments');
    expect(few.detail).toContain('Missing value for "index"');
    const many = evalText('upper("a", "b")').diagnostics[0];
    expect(many.summary).toBe('Too many function arguments');
    expect(many.range?.start.column).toBe(12);
  });
  it('names the function and parameter in argument errors, at the argument', () => {
    const d = evalText('element(["a"], "x")').diagnostics[0];
    expect(d.summary).toBe('Invalid function argument');
    expect(d.detail).toBe('Invalid value for "index" parameter of element: a number is required.');
    expect(d.range?.start.column).toBe(16);
  });
  it('suggests a close name for an unknown function', () => {
    const d = evalText('uper("a")').diagnostics[0];
    expect(d.summary).toBe('Call to unknown function');
    expect(d.detail).toContain('Did you mean "upper"?');
  });
  it('accepts the core:: prefix', () => {
    expect(plain(evalOk('core::upper("a")'))).toBe('A');
  });
  it('looks up provider functions by their full name and explains missing ones', () => {
    const table = withFunctions(builtinFunctions(), {
      'provider::demo::twice': {
        params: [{ name: 'n', type: { kind: 'number' } }],
        impl: ([n]) => ({ ...n, payload: (n.payload as number) * 2 }),
      },
    });
    const run = (text: string) =>
      evaluate(parseExpression(text, 't.hcl').expr, { scope: scopeOf({}), functions: table });
    expect(plain(run('provider::demo::twice(21)').value)).toBe(42);
    const d = run('provider::demo::thrice(1)').diagnostics[0];
    expect(d.summary).toBe('Call to unknown function');
    expect(d.detail).toContain('"provider::demo::thrice"');
  });
  it('expands a final list argument with ...', () => {
    expect(plain(evalOk('max([1, 5, 2]...)'))).toBe(5);
    expect(evalText('max(1...)').diagnostics[0].summary).toBe('Invalid expanding argument value');
  });
  it('is unknown when an expanded argument is unknown', () => {
    expect(isKnown(evalOk('max(u...)', { u: unknown() }))).toBe(false);
  });
  it('does not cascade errors from a failed argument', () => {
    expect(evalText('upper(nope)').diagnostics).toHaveLength(1);
  });
});

describe('try and can', () => {
  it('returns the first argument that evaluates without error', () => {
    expect(plain(evalOk('try(var.obj.missing, "fallback")', { var: val({ obj: {} }) }))).toBe('fallback');
    expect(plain(evalOk('try(tonumber("x"), 0)'))).toBe(0);
    expect(plain(evalOk('try(1, 2)'))).toBe(1);
  });
  it('reports every failure when nothing succeeds', () => {
    const d = evalText('try(tonumber("x"), [][0])').diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0].detail).toContain('no expression succeeded');
    expect(d[0].detail).toContain('Invalid index');
  });
  it('does not treat unknown as failure', () => {
    expect(isKnown(evalOk('try(u, "x")', { u: unknown(tString) }))).toBe(false);
    expect(isKnown(evalOk('can(u)', { u: unknown(tString) }))).toBe(false);
  });
  it('tells whether an expression evaluates', () => {
    expect(plain(evalOk('can(regex("^a", "abc"))'))).toBe(true);
    expect(plain(evalOk('can(regex("^z", "abc"))'))).toBe(false);
    expect(plain(evalOk('can(s.nope)', { s: str('x') }))).toBe(false);
  });
  it('does not catch static errors such as undeclared names or unknown functions', () => {
    expect(evalText('try(var.missing, "x")', { var: val({}) }).diagnostics[0].summary).toBe(
      'Reference to undeclared input variable',
    );
    expect(evalText('can(nope)').diagnostics[0].summary).toBe('Reference to undeclared name');
    expect(evalText('can(nofunc(1))').diagnostics[0].summary).toBe('Call to unknown function');
  });
  it('requires arguments', () => {
    expect(evalText('try()').diagnostics[0].summary).toBe('Not enough function arguments');
    expect(evalText('can(1, 2)').diagnostics[0].summary).toBe('Too many function arguments');
  });
});

describe('evaluation limits', () => {
  it('reports an absurdly deep expression instead of throwing', () => {
    const range = { filename: 't.hcl', start: { line: 1, column: 1, byte: 0 }, end: { line: 1, column: 2, byte: 1 } };
    let expr: Expression = { kind: 'Literal', value: 1, raw: '1', range };
    for (let i = 0; i < 200_000; i++) expr = { kind: 'UnaryOp', op: '-', operand: expr, range };
    const r = evaluate(expr, { scope: scopeOf({}), functions: builtinFunctions() });
    expect(r.diagnostics[0].summary).toBe('Expression too complex');
  });
});
