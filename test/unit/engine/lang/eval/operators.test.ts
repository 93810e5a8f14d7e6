import { describe, expect, it } from 'vitest';
import {
  isKnown,
  markSensitive,
  num,
  str,
  tBool,
  tNumber,
  tString,
  unknown,
} from '../../../../../engine/lang/index.js';
import { evalOk, evalText } from '../eval-helpers.js';
import { plain, val } from '../values-helpers.js';

describe('number literals', () => {
  it('keeps integers exact up to 2^53', () => {
    expect(plain(evalOk('9007199254740992'))).toBe(9007199254740992);
    expect(plain(evalOk('1.5e3'))).toBe(1500);
  });
  it('refuses larger integer literals at the literal', () => {
    const r = evalText('1 + 9007199254740993');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].summary).toBe('Invalid number literal');
    expect(r.diagnostics[0].range?.start.column).toBe(5);
  });
});

describe('arithmetic and comparison', () => {
  it('follows precedence and converts numeric strings', () => {
    expect(plain(evalOk('1 + 2 * 3 - 4 / 2'))).toBe(5);
    expect(plain(evalOk('"2" * 3'))).toBe(6);
    expect(plain(evalOk('7 % 3'))).toBe(1);
    expect(plain(evalOk('-(2 + 1)'))).toBe(-3);
    expect(plain(evalOk('3 >= 3 && 2 < "10"'))).toBe(true);
  });
  it('reports a non-numeric operand at that operand', () => {
    const r = evalText('1 + "x"');
    expect(r.diagnostics[0].summary).toBe('Invalid operand');
    expect(r.diagnostics[0].detail).toContain('right operand');
    expect(r.diagnostics[0].range?.start.column).toBe(5);
  });
  it('reports division by zero', () => {
    expect(evalText('1 / 0').diagnostics[0].detail).toContain("can't divide by zero");
    expect(evalText('1 % 0').diagnostics[0].detail).toContain('division by zero');
  });
  it('refuses null operands', () => {
    expect(evalText('null + 1').diagnostics[0].detail).toContain('must not be null');
  });
});

describe('equality', () => {
  it('compares across types without converting', () => {
    expect(plain(evalOk('1 == "1"'))).toBe(false);
    expect(plain(evalOk('"a" == "a"'))).toBe(true);
    expect(plain(evalOk('[1, "a"] == [1, "a"]'))).toBe(true);
    expect(plain(evalOk('{a = 1} != {a = 2}'))).toBe(true);
    expect(plain(evalOk('null == null'))).toBe(true);
    expect(plain(evalOk('null == 1'))).toBe(false);
  });
});

describe('logic', () => {
  it('evaluates ! && ||', () => {
    expect(plain(evalOk('!true || false'))).toBe(false);
    expect(plain(evalOk('true && "true"'))).toBe(true);
  });
  it('refuses non-bool operands', () => {
    expect(evalText('1 && true').diagnostics[0].detail).toContain('left operand: bool required');
  });
});

describe('unknown operands', () => {
  const roots = { u: unknown(tNumber), b: unknown(tBool), s: unknown(tString) };
  it('make arithmetic, comparison, equality and logic unknown of the right type', () => {
    for (const [text, type] of [
      ['u + 1', tNumber],
      ['u < 1', tBool],
      ['u == 1', tBool],
      ['b && true', tBool],
      ['false || b', tBool],
      ['!b', tBool],
    ] as const) {
      const v = evalOk(text, roots);
      expect(isKnown(v), text).toBe(false);
      expect(v.type, text).toEqual(type);
    }
  });
  it('still check the type of the known operand', () => {
    expect(evalText('u + "x"', roots).diagnostics).toHaveLength(1);
  });
});

describe('sensitive operands', () => {
  it('mark the result', () => {
    const roots = { p: markSensitive(num(2)), q: markSensitive(str('x')) };
    expect(evalOk('p * 3', roots).sensitive).toBe(true);
    expect(evalOk('q == "x"', roots).sensitive).toBe(true);
    expect(evalOk('-p', roots).sensitive).toBe(true);
  });
});

describe('number limits', () => {
  it('refuses arithmetic results too large to represent', () => {
    expect(evalText('1e308 * 10').diagnostics[0].detail).toContain('too large');
  });
  it('refuses function results that are not finite', () => {
    expect(evalText('pow(10, 400)').diagnostics[0].detail).toContain('not a finite number');
  });
  it('reports resource limits hit by a function as a diagnostic', () => {
    expect(evalText('format("%.200f", 1)').diagnostics[0].summary).toBe('Error in function call');
  });
});

describe('short-circuit logic', () => {
  it('excuses errors on the right when the left operand decides', () => {
    expect(plain(evalOk('x != null && x.a == 1', { x: val(null) }))).toBe(false);
    expect(plain(evalOk('x == null || x.a == 1', { x: val(null) }))).toBe(true);
  });
  it('still reports errors on the right when the left does not decide', () => {
    expect(evalText('x == null && x.a == 1', { x: val(null) }).diagnostics).toHaveLength(1);
  });
  it('decides even when the right operand is unknown', () => {
    expect(plain(evalOk('false && u', { u: unknown(tBool) }))).toBe(false);
    expect(plain(evalOk('true || u', { u: unknown(tBool) }))).toBe(true);
  });
});

describe('integer exactness at run time', () => {
  it('refuses whole-number results beyond 2^53', () => {
    expect(plain(evalOk('9007199254740991 + 1'))).toBe(9007199254740992);
    expect(evalText('9007199254740992 + 1').diagnostics[0].detail).toContain('exceeds 2^53');
    expect(evalText('4294967296 * 4294967296').diagnostics[0].detail).toContain('exceeds 2^53');
  });
  it('still allows large results of fractional arithmetic', () => {
    expect(plain(evalOk('1e300 * 1.5'))).toBe(1.5e300);
  });
});
