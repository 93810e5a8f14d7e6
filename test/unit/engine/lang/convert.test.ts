import { describe, expect, it } from 'vitest';
import {
  convert,
  isKnown,
  list,
  markSensitive,
  NULL,
  num,
  str,
  tBool,
  tDynamic,
  tList,
  tMap,
  tNumber,
  tObject,
  tSet,
  tString,
  tTuple,
  tuple,
  unknown,
  type Value,
} from '../../../../engine/lang/index.js';
import { rangeAt } from './ast-helpers.js';
import { plain, val } from './values-helpers.js';

const ok = (v: Value, t: Parameters<typeof convert>[1]) => {
  const r = convert(v, t);
  expect(r.diagnostics).toEqual([]);
  return r.value;
};

describe('primitive conversion', () => {
  it('converts numbers and bools to strings and back', () => {
    expect(plain(ok(num(1e21), tString))).toBe('1000000000000000000000');
    expect(plain(ok(num(0.000001), tString))).toBe('0.000001');
    expect(plain(ok(val(true), tString))).toBe('true');
    expect(plain(ok(str('-1.5e2'), tNumber))).toBe(-150);
    expect(plain(ok(str('true'), tBool))).toBe(true);
  });
  it('refuses strings that are not numbers or bools, with a positioned diagnostic', () => {
    const r = convert(str('12abc'), tNumber, rangeAt(3));
    expect(r.diagnostics[0].detail).toBe('a number is required');
    expect(r.diagnostics[0].range?.start.column).toBe(3);
    expect(convert(str('yes'), tBool).diagnostics[0].detail).toBe('a bool is required');
    expect(convert(num(1), tBool).diagnostics[0].detail).toBe('bool required, but have number');
  });
  it('keeps null and unknown, retyped', () => {
    const n = ok(NULL, tString);
    expect(n.payload).toBe(null);
    expect(n.type).toEqual(tString);
    const u = ok(unknown(tNumber), tString);
    expect(isKnown(u)).toBe(false);
    expect(u.type).toEqual(tString);
  });
  it('refuses an unknown whose type can never convert', () => {
    expect(convert(unknown(tList(tString)), tString).diagnostics).toHaveLength(1);
  });
});

describe('structural conversion', () => {
  it('unifies tuple elements into lists and sets', () => {
    expect(ok(val([1, 'a']), tList(tDynamic)).type).toEqual(tList(tString));
    expect(plain(ok(val(['b', 'a', 'a']), tSet(tString)))).toEqual(['a', 'b']);
    expect(ok(val([[1], []]), tList(tDynamic)).type).toEqual(tList(tList(tNumber)));
  });
  it('unifies object attributes into maps', () => {
    expect(ok(val({ a: 1, b: true }), tMap(tDynamic)).type).toEqual(tMap(tString));
    expect(ok(val({ a: { x: 1 }, b: { y: 2 } }), tMap(tDynamic)).type).toEqual(tMap(tMap(tNumber)));
  });
  it('converts objects to object types, dropping extra attributes and requiring the rest', () => {
    const t = tObject({ name: tString, port: tNumber });
    expect(plain(ok(val({ name: 'w', port: '80', extra: 1 }), t))).toEqual({ name: 'w', port: 80 });
    expect(convert(val({ name: 'w' }), t).diagnostics[0].detail).toBe('attribute "port" is required');
  });
  it('fills absent optional attributes with null', () => {
    const t = tObject({ name: tString, port: tNumber }, ['port']);
    expect(plain(ok(val({ name: 'w' }), t))).toEqual({ name: 'w', port: null });
  });
  it('converts lists to tuples of the same length', () => {
    expect(plain(ok(list(tString, [str('1')]), tTuple([tNumber])))).toEqual([1]);
    expect(convert(val([1, 2]), tTuple([tNumber])).diagnostics).toHaveLength(1);
  });
  it('says where inside the value a conversion failed', () => {
    const r = convert(val({ tags: { env: [1] } }), tObject({ tags: tMap(tString) }));
    expect(r.diagnostics[0].detail).toBe('tags.env: string required, but have tuple');
    expect(convert(val(['a', 'x']), tList(tNumber)).diagnostics[0].detail).toBe('[0]: a number is required');
  });
  it('refuses elements with no common type', () => {
    expect(convert(val(['a', { b: 1 }]), tList(tDynamic)).diagnostics[0].detail).toBe(
      'all elements must have the same type',
    );
  });
  it('keeps marks on converted values at every depth', () => {
    const v = ok(tuple([markSensitive(num(1))]), tList(tString));
    expect((v.payload as Value[])[0].sensitive).toBe(true);
    expect(ok(markSensitive(num(1)), tString).sensitive).toBe(true);
  });
});

describe('optional markers', () => {
  it('do not leak into the types of converted values, even unknown ones', () => {
    const t = tList(tObject({ a: tObject({ b: tString }, ['b']) }, ['a']));
    const u = ok(unknown(), t);
    expect(
      JSON.stringify(u.type, (_k, x) => (x instanceof Set ? [...x] : x instanceof Map ? [...x] : x)),
    ).not.toContain('optional');
  });
});

describe('string to number precision', () => {
  it('refuses integers a number cannot hold exactly', () => {
    expect(convert(str('12345678901234567890'), tNumber).diagnostics[0].detail).toContain(
      'cannot be represented exactly',
    );
    expect(plain(ok(str('9007199254740992'), tNumber))).toBe(9007199254740992);
  });
});
