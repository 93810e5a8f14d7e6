import { describe, expect, it } from 'vitest';
import {
  applySensitivePaths,
  ConvertError,
  containsSensitive,
  equals,
  fromJSON,
  list,
  markSensitive,
  NULL,
  num,
  object,
  rawEquals,
  sensitivePaths,
  set,
  str,
  tDynamic,
  tList,
  tMap,
  tNumber,
  tObject,
  toJSON,
  tSet,
  tString,
  tTuple,
  tuple,
  typeFromJSON,
  typeString,
  typeToJSON,
  unknown,
  unknownPaths,
  unmarkDeep,
} from '../../../../engine/lang/index.js';
import { val } from './values-helpers.js';

describe('JSON round trips', () => {
  it('restores a value of a given type, nulls for absent attributes', () => {
    const t = tObject({ name: tString, ports: tList(tNumber), tags: tMap(tString), ids: tSet(tString), opt: tString });
    const v = fromJSON({ name: 'w', ports: [80], tags: { a: 'b' }, ids: ['y', 'x'] }, t);
    expect(v.type).toEqual(t);
    expect(toJSON(v)).toEqual({ name: 'w', ports: [80], tags: { a: 'b' }, ids: ['x', 'y'], opt: null });
  });
  it('refuses JSON that does not fit the type, saying where', () => {
    expect(() => fromJSON({ ports: ['x'] }, tObject({ ports: tList(tNumber) }))).toThrow(ConvertError);
    try {
      fromJSON({ ports: ['x'] }, tObject({ ports: tList(tNumber) }));
    } catch (e) {
      expect((e as ConvertError).path).toEqual(['ports', 0]);
    }
  });
  it('refuses to serialize unknowns', () => {
    expect(() => toJSON(tuple([unknown(tString)]))).toThrow();
  });
  it('lists the paths of unknowns for plan files', () => {
    expect(unknownPaths(object({ a: unknown(), b: tuple([num(1), unknown()]) }))).toEqual([['a'], ['b', 1]]);
  });
  it('writes and reads types in cty JSON notation', () => {
    const t = tObject({ a: tList(tString), b: tTuple([tNumber, tDynamic]) }, ['b']);
    const j = typeToJSON(t);
    expect(j).toEqual(['object', { a: ['list', 'string'], b: ['tuple', ['number', 'dynamic']] }, ['b']]);
    expect(typeString(typeFromJSON(j))).toBe(typeString(t));
    expect(() => typeFromJSON(['wat'])).toThrow(ConvertError);
  });
});

describe('sensitive paths', () => {
  it('records and re-applies marks at nested paths', () => {
    const v = object({
      user: str('u'),
      creds: object({ password: markSensitive(str('p')) }),
      list: tuple([markSensitive(num(1))]),
    });
    const paths = sensitivePaths(v);
    expect(paths).toEqual([
      ['creds', 'password'],
      ['list', 0],
    ]);
    const restored = applySensitivePaths(fromJSON(toJSON(v)), paths);
    expect(sensitivePaths(restored)).toEqual(paths);
    expect(rawEquals(restored, v)).toBe(true);
  });
  it('marks the whole value for the empty path and ignores paths that no longer exist', () => {
    expect(applySensitivePaths(str('x'), [[]]).sensitive).toBe(true);
    expect(containsSensitive(applySensitivePaths(val({ a: 1 }), [['b']]))).toBe(false);
  });
  it('strips marks at every depth', () => {
    const r = unmarkDeep(tuple([markSensitive(str('a'))]));
    expect(r.sensitive).toBe(true);
    expect(containsSensitive(r.value)).toBe(false);
  });
});

describe('equality', () => {
  it('gives a tristate, unknown only when an unknown could decide', () => {
    expect(equals(val([1, 2]), val([1, 2]))).toBe(true);
    expect(equals(val([1, 2]), val([1, 3]))).toBe(false);
    expect(equals(tuple([unknown(), num(2)]), val([1, 3]))).toBe(false);
    expect(equals(tuple([unknown(), num(2)]), val([1, 2]))).toBe('unknown');
    expect(equals(NULL, unknown())).toBe('unknown');
    expect(equals(num(1), str('1'))).toBe(false);
  });
  it('ignores marks for ==, but rawEquals sees them and unknowns', () => {
    expect(equals(markSensitive(str('a')), str('a'))).toBe(true);
    expect(rawEquals(markSensitive(str('a')), str('a'))).toBe(false);
    expect(rawEquals(unknown(tString), unknown(tString))).toBe(true);
    expect(rawEquals(unknown(tString), unknown(tNumber))).toBe(false);
  });
});

describe('sets', () => {
  it('deduplicate and order elements canonically', () => {
    const s = set(tNumber, [num(10), num(2), num(10)]);
    expect(toJSON(s)).toEqual([2, 10]);
    expect(toJSON(set(tString, [str('b'), str('a')]))).toEqual(['a', 'b']);
  });
  it('keep unknown elements apart, since they may turn out equal to others', () => {
    expect((set(tString, [unknown(tString), unknown(tString)]).payload as unknown[]).length).toBe(2);
  });
  it('lists are kept in order', () => {
    expect(toJSON(list(tNumber, [num(3), num(1)]))).toEqual([3, 1]);
  });
});

describe('marks inside sets', () => {
  it('move to the set, since set elements are identified by value alone', () => {
    const s = set(tString, [markSensitive(str('a')), str('a'), str('b')]);
    expect(s.sensitive).toBe(true);
    expect(toJSON(s)).toEqual(['a', 'b']);
    expect(sensitivePaths(s)).toEqual([[]]);
  });
});

describe('equality of sets with unknown elements', () => {
  it('is unknown, since an unknown element may match any other', () => {
    expect(equals(set(tString, [str('a'), unknown(tString)]), set(tString, [str('a'), str('b')]))).toBe('unknown');
  });
});
