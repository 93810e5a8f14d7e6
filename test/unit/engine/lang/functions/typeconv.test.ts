import { describe, expect, it } from 'vitest';
import {
  bool,
  containsSensitive,
  isKnown,
  markSensitive,
  NULL,
  num,
  str,
  tList,
  tMap,
  tNumber,
  tSet,
  tString,
  tuple,
  unknown,
  type Value,
} from '../../../../../engine/lang/index.js';
import { call, expectArgError } from '../ast-helpers.js';
import { plain, val } from '../values-helpers.js';

const ok = (name: string, ...args: Value[]) => {
  const r = call(name, args);
  expect(r.diagnostics).toEqual([]);
  return r.value;
};

describe('primitive conversions', () => {
  it('converts between strings, numbers and bools', () => {
    expect(plain(ok('tostring', num(1.5)))).toBe('1.5');
    expect(plain(ok('tostring', bool(true)))).toBe('true');
    expect(plain(ok('tonumber', str('42')))).toBe(42);
    expect(plain(ok('tobool', str('false')))).toBe(false);
  });
  it('passes null through as a typed null', () => {
    const v = ok('tostring', NULL);
    expect(v.payload).toBe(null);
    expect(v.type).toEqual(tString);
  });
  it('explains failed conversions', () => {
    expectArgError(call('tonumber', [str('x')]), 0, 'cannot convert "x" to number');
    expectArgError(call('tobool', [str('yes')]), 0, 'only the strings "true" or "false"');
    expectArgError(call('tostring', [val(['a'])]), 0, 'cannot convert tuple to string');
  });
  it('returns an unknown of the target type for an unknown argument', () => {
    const v = ok('tonumber', unknown(tString));
    expect(isKnown(v)).toBe(false);
    expect(v.type).toEqual(tNumber);
  });
});

describe('collection conversions', () => {
  it('converts tuples to lists and sets, unifying element types', () => {
    const l = ok('tolist', val(['a', 1]));
    expect(l.type).toEqual(tList(tString));
    expect(plain(l)).toEqual(['a', '1']);
    const s = ok('toset', val(['b', 'a', 'b']));
    expect(s.type).toEqual(tSet(tString));
    expect(plain(s)).toEqual(['a', 'b']);
  });
  it('converts objects to maps', () => {
    const m = ok('tomap', val({ a: 1, b: 'x' }));
    expect(m.type).toEqual(tMap(tString));
    expect(plain(m)).toEqual({ a: '1', b: 'x' });
  });
  it('refuses elements that cannot share a type', () => {
    expectArgError(call('tolist', [val(['a', ['b']])]), 0, 'all elements must have the same type');
  });
});

describe('sensitive and nonsensitive', () => {
  it('adds and removes the mark', () => {
    const s = ok('sensitive', str('x'));
    expect(s.sensitive).toBe(true);
    expect(ok('nonsensitive', s).sensitive).toBe(false);
  });
  it('works on unknown values without making them known', () => {
    const s = ok('sensitive', unknown(tString));
    expect(s.sensitive).toBe(true);
    expect(isKnown(s)).toBe(false);
  });
  it('reports whether a value holds a mark at any depth', () => {
    expect(plain(ok('issensitive', tuple([markSensitive(str('a'))])))).toBe(true);
    expect(plain(ok('issensitive', str('a')))).toBe(false);
  });
  it('removes only the top-level mark, leaving nested secrets marked', () => {
    const v = ok('nonsensitive', markSensitive(tuple([markSensitive(str('a'))])));
    expect(v.sensitive).toBe(false);
    expect(containsSensitive(v)).toBe(true);
  });
});
