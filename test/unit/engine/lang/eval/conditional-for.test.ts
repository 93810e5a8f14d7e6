// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${} is interpolation
import { describe, expect, it } from 'vitest';
import { isKnown, markSensitive, str, tBool, tList, tString, unknown } from '../../../../../engine/lang/index.js';
import { evalOk, evalText } from '../eval-helpers.js';
import { plain, val } from '../values-helpers.js';

describe('conditional', () => {
  it('chooses a branch and unifies result types', () => {
    expect(plain(evalOk('true ? "a" : "b"'))).toBe('a');
    expect(plain(evalOk('false ? 1 : "x"'))).toBe('x');
    const v = evalOk('true ? [] : ["a"]');
    expect(v.type).toEqual(tList(tString));
  });
  it('is unknown of the unified type when the condition is unknown', () => {
    const v = evalOk('c ? "a" : "b"', { c: unknown(tBool) });
    expect(isKnown(v)).toBe(false);
    expect(v.type).toEqual(tString);
  });
  it('reports null, non-bool conditions and inconsistent types', () => {
    expect(evalText('null ? 1 : 2').diagnostics[0].summary).toBe('Null condition');
    expect(evalText('"maybe" ? 1 : 2').diagnostics[0].summary).toBe('Incorrect condition type');
    expect(evalText('true ? "a" : ["b"]').diagnostics[0].summary).toBe('Inconsistent conditional result types');
  });
  it('carries a sensitive condition onto the result', () => {
    expect(evalOk('c ? 1 : 2', { c: markSensitive(val(true)) }).sensitive).toBe(true);
  });
});

describe('for expressions', () => {
  it('builds tuples and objects, with filters', () => {
    expect(plain(evalOk('[for s in ["a", "b"] : upper(s)]'))).toEqual(['A', 'B']);
    expect(plain(evalOk('[for i, s in ["a", "b"] : "${i}${s}"]'))).toEqual(['0a', '1b']);
    expect(plain(evalOk('{for k, v in {a = 1, b = 2} : v => k}'))).toEqual({ 1: 'a', 2: 'b' });
    expect(plain(evalOk('[for n in [1, 2, 3, 4] : n if n % 2 == 0]'))).toEqual([2, 4]);
  });
  it('iterates sets by value', () => {
    expect(plain(evalOk('[for k, v in toset(["b", "a"]) : "${k}${v}"]'))).toEqual(['aa', 'bb']);
  });
  it('groups values under shared keys with ...', () => {
    expect(plain(evalOk('{for s in ["ab", "ac", "bd"] : substr(s, 0, 1) => s...}'))).toEqual({
      a: ['ab', 'ac'],
      b: ['bd'],
    });
  });
  it('reports duplicate keys without grouping', () => {
    const r = evalText('{for s in ["ab", "ac"] : substr(s, 0, 1) => s}');
    expect(r.diagnostics[0].summary).toBe('Duplicate object key');
    expect(r.diagnostics[0].detail).toContain('"a"');
  });
  it('reports iteration over null and over primitives, and null keys', () => {
    expect(evalText('[for x in null : x]').diagnostics[0].summary).toBe('Iteration over null value');
    expect(evalText('[for x in 1 : x]').diagnostics[0].summary).toBe('Iteration over non-iterable value');
    expect(evalText('{for x in [1] : null => x}').diagnostics[0].summary).toBe('Invalid object key');
  });
  it('is unknown when the collection, a condition or a key is unknown', () => {
    const roots = { u: unknown(), s: unknown(tString) };
    expect(isKnown(evalOk('[for x in u : x]', roots))).toBe(false);
    expect(isKnown(evalOk('[for x in [1] : x if s == "a"]', roots))).toBe(false);
    expect(isKnown(evalOk('{for x in [1] : s => x}', roots))).toBe(false);
  });
  it('keeps element values unknown without making the result unknown', () => {
    const v = evalOk('[for x in [s] : x]', { s: unknown(tString) });
    expect(isKnown(v)).toBe(true);
  });
  it('marks the result when iterating a sensitive collection', () => {
    expect(evalOk('[for x in c : x]', { c: markSensitive(val(['a'])) }).sensitive).toBe(true);
  });
  it('does not leak loop variables to the outer scope', () => {
    expect(evalText('[[for x in [1] : x], x]').diagnostics[0].summary).toBe('Reference to undeclared name');
  });
});

describe('object constructors', () => {
  it('treats bare keys as strings and evaluates parenthesized keys', () => {
    expect(plain(evalOk('{ k = 1, (k) = 2, "q" = 3 }', { k: str('dyn') }))).toEqual({ k: 1, dyn: 2, q: 3 });
  });
  it('reports duplicate attributes', () => {
    expect(evalText('{ a = 1, a = 2 }').diagnostics[0].summary).toBe('Duplicate object attribute');
  });
  it('is unknown when a key is unknown', () => {
    expect(isKnown(evalOk('{ (k) = 1 }', { k: unknown(tString) }))).toBe(false);
  });
});

describe('conditional branch errors', () => {
  it('ignores errors in the branch not taken', () => {
    expect(plain(evalOk('x != null ? x.name : "none"', { x: val(null) }))).toBe('none');
    expect(plain(evalOk('x == null ? "none" : x.name', { x: val({ name: 'n' }) }))).toBe('n');
  });
  it('reports errors in the branch taken', () => {
    expect(evalText('true ? x.name : "none"', { x: val(null) }).diagnostics[0].summary).toBe(
      'Attempt to get attribute from null value',
    );
  });
  it('reports errors in both branches when the condition is unknown', () => {
    expect(evalText('c ? [][0] : [][1]', { c: unknown(tBool) }).diagnostics).toHaveLength(2);
  });
});

describe('static errors in branches', () => {
  it('are reported even in the branch not taken', () => {
    expect(evalText('true ? 1 : nope').diagnostics[0].summary).toBe('Reference to undeclared name');
    expect(evalText('false && nope').diagnostics[0].summary).toBe('Reference to undeclared name');
  });
});
