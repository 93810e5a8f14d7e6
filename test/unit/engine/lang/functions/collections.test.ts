import { describe, expect, it } from 'vitest';
import {
  isKnown,
  list,
  markSensitive,
  NULL,
  num,
  set,
  str,
  tDynamic,
  tList,
  tNumber,
  tString,
  tuple,
  unknown,
  type Value,
} from '../../../../../engine/lang/index.js';
import { call, expectArgError, expectError } from '../ast-helpers.js';
import { plain, val } from '../values-helpers.js';

const ok = (name: string, ...args: Value[]) => {
  const r = call(name, args);
  expect(r.diagnostics).toEqual([]);
  return r.value;
};
const okPlain = (name: string, ...args: Value[]) => plain(ok(name, ...args));

describe('length', () => {
  it('counts characters, elements and attributes', () => {
    expect(okPlain('length', str('héllo'))).toBe(5);
    expect(okPlain('length', val([1, 2, 3]))).toBe(3);
    expect(okPlain('length', val({ a: 1, b: 2 }))).toBe(2);
  });
  it('is known for a list whose elements are unknown', () => {
    const r = ok('length', tuple([unknown(tString), unknown(tString)]));
    expect(plain(r)).toBe(2);
  });
  it('is unknown for an unknown list', () => {
    expect(isKnown(ok('length', unknown(tList(tString))))).toBe(false);
  });
  it('is not sensitive just because an element is', () => {
    expect(ok('length', tuple([markSensitive(str('x'))])).sensitive).toBe(false);
    expect(ok('length', markSensitive(val(['x']))).sensitive).toBe(true);
  });
  it('refuses a number', () => {
    expectArgError(call('length', [num(1)]), 0, 'must be a string, a collection type');
  });
});

describe('element, lookup, index, contains', () => {
  it('wraps element indexes around the list', () => {
    expect(okPlain('element', val(['a', 'b', 'c']), num(4))).toBe('b');
  });
  it('refuses negative indexes and empty lists', () => {
    expectArgError(call('element', [val(['a']), num(-1)]), 1, 'negative index');
    expectArgError(call('element', [val([]), num(0)]), 0, 'empty list');
  });
  it('returns an unknown element for an unknown index', () => {
    expect(isKnown(ok('element', val(['a']), unknown(tNumber)))).toBe(false);
  });
  it('looks up keys, falling back to the default', () => {
    expect(okPlain('lookup', val({ a: 'x' }), str('a'))).toBe('x');
    expect(okPlain('lookup', val({ a: 'x' }), str('b'), str('d'))).toBe('d');
  });
  it('fails a lookup without default for a missing key', () => {
    expectArgError(call('lookup', [val({ a: 'x' }), str('b')]), 1, 'lookup failed to find key "b"');
  });
  it('keeps a sensitive element sensitive through lookup, and only that element', () => {
    const m = { ...val({ a: 'x', b: 'y' }) };
    const marked = {
      ...m,
      payload: new Map([...(m.payload as Map<string, Value>)].map(([k, v]) => [k, k === 'a' ? markSensitive(v) : v])),
    };
    expect(ok('lookup', marked, str('a')).sensitive).toBe(true);
    expect(ok('lookup', marked, str('b')).sensitive).toBe(false);
  });
  it('finds the index of a value, converting it to the element type', () => {
    expect(okPlain('index', val(['a', 'b']), str('b'))).toBe(1);
    expect(okPlain('index', list(tString, [str('1'), str('2')]), num(2))).toBe(1);
    expectArgError(call('index', [val(['a']), str('z')]), 1, 'item not found');
  });
  it('tests membership', () => {
    expect(okPlain('contains', val(['a', 'b']), str('b'))).toBe(true);
    expect(okPlain('contains', val(['a', 'b']), str('c'))).toBe(false);
    expect(isKnown(ok('contains', tuple([unknown(tString)]), str('c')))).toBe(false);
  });
});

describe('merge and concat', () => {
  it('merges maps and objects, later keys winning', () => {
    expect(okPlain('merge', val({ a: 1, b: 2 }), val({ b: 3, c: 'x' }))).toEqual({ a: 1, b: 3, c: 'x' });
  });
  it('skips null arguments', () => {
    expect(okPlain('merge', NULL, val({ a: 1 }))).toEqual({ a: 1 });
  });
  it('refuses a list argument, pointing at it', () => {
    expectArgError(call('merge', [val({ a: 1 }), val([1])]), 1, 'must be maps or objects');
  });
  it('is unknown when an argument is unknown', () => {
    expect(isKnown(ok('merge', val({ a: 1 }), unknown(tDynamic)))).toBe(false);
  });
  it('concatenates lists into a list when element types agree', () => {
    const r = ok('concat', list(tString, [str('a')]), list(tString, [str('b')]));
    expect(r.type).toEqual(tList(tString));
    expect(plain(r)).toEqual(['a', 'b']);
    expect(okPlain('concat', val([1]), val(['x']))).toEqual([1, 'x']);
  });
  it('keeps the marks of concatenated elements and of whole arguments', () => {
    const r = ok('concat', tuple([markSensitive(str('s'))]), val(['p']));
    expect(r.sensitive).toBe(false);
    expect((r.payload as Value[])[0].sensitive).toBe(true);
    expect(ok('concat', markSensitive(val(['a'])), val(['b'])).sensitive).toBe(true);
  });
  it('refuses non-list arguments', () => {
    expectArgError(call('concat', [val(['a']), str('b')]), 1, 'must be lists or tuples');
  });
});

describe('reshaping', () => {
  it('compacts away nulls and empty strings', () => {
    expect(okPlain('compact', val(['a', '', null, 'b']))).toEqual(['a', 'b']);
  });
  it('flattens nested sequences', () => {
    expect(okPlain('flatten', val([['a', ['b']], [], 'c']))).toEqual(['a', 'b', 'c']);
    expectArgError(call('flatten', [str('x')]), 0, 'can only flatten');
  });
  it('slices and checks bounds', () => {
    expect(okPlain('slice', val(['a', 'b', 'c']), num(1), num(3))).toEqual(['b', 'c']);
    expectArgError(call('slice', [val(['a']), num(0), num(2)]), 2, 'end index');
    expectArgError(call('slice', [val(['a', 'b']), num(2), num(1)]), 1, 'greater than end');
  });
  it('lists keys and values in key order', () => {
    expect(okPlain('keys', val({ b: 1, a: 2 }))).toEqual(['a', 'b']);
    expect(okPlain('values', val({ b: 1, a: 2 }))).toEqual([2, 1]);
  });
  it('removes duplicates keeping first occurrences', () => {
    expect(okPlain('distinct', val(['b', 'a', 'b']))).toEqual(['b', 'a']);
  });
  it('reverses and sorts', () => {
    expect(okPlain('reverse', val([1, 2, 3]))).toEqual([3, 2, 1]);
    expect(okPlain('sort', val(['b', 'c', 'a', '10', '9']))).toEqual(['10', '9', 'a', 'b', 'c']);
  });
  it('zips keys and values into a map', () => {
    expect(okPlain('zipmap', val(['a', 'b']), val([1, 2]))).toEqual({ a: 1, b: 2 });
    expectError(call('zipmap', [val(['a']), val([1, 2])]), 'Error in function call', 'does not match');
  });
  it('generates ranges', () => {
    expect(okPlain('range', num(3))).toEqual([0, 1, 2]);
    expect(okPlain('range', num(1), num(4))).toEqual([1, 2, 3]);
    expect(okPlain('range', num(5), num(0), num(-2))).toEqual([5, 3, 1]);
    expectArgError(call('range', [num(0), num(1), num(0)]), 2, 'step must not be zero');
  });
});

describe('coalesce, coalescelist, one', () => {
  it('returns the first non-null, non-empty value', () => {
    expect(okPlain('coalesce', NULL, str(''), str('b'))).toBe('b');
    expect(okPlain('coalesce', num(1), str('x'))).toBe('1');
    expectError(call('coalesce', [NULL, str('')]), 'Error in function call', 'no non-null');
  });
  it('is unknown when an earlier argument is unknown', () => {
    expect(isKnown(ok('coalesce', unknown(tString), str('b')))).toBe(false);
  });
  it('returns the first non-empty list', () => {
    expect(okPlain('coalescelist', val([]), val(['a']))).toEqual(['a']);
  });
  it('returns the only element, null for none, and fails for more', () => {
    expect(okPlain('one', val(['a']))).toBe('a');
    expect(okPlain('one', val([]))).toBe(null);
    expectArgError(call('one', [val([1, 2])]), 0, 'either zero or one');
    expect(okPlain('one', set(tString, [str('s')]))).toBe('s');
  });
});

describe('sets', () => {
  it('unions, intersects and subtracts', () => {
    expect(okPlain('setunion', val(['a', 'b']), val(['b', 'c']))).toEqual(['a', 'b', 'c']);
    expect(okPlain('setintersection', val(['a', 'b']), val(['b', 'c']))).toEqual(['b']);
    expect(okPlain('setsubtract', val(['a', 'b']), val(['b']))).toEqual(['a']);
  });
  it('refuses a non-collection argument', () => {
    expectArgError(call('setunion', [val(['a']), str('b')]), 1, 'set');
  });
});

describe('finer unknown and mark handling', () => {
  it('flatten moves a nested list mark onto the lifted elements only', () => {
    const r = ok('flatten', tuple([markSensitive(val(['s'])), val(['p'])]));
    expect(r.sensitive).toBe(false);
    expect((r.payload as Value[]).map((e) => e.sensitive)).toEqual([true, false]);
  });
  it('flatten keeps unknown leaves but is unknown when a nested list is', () => {
    expect(isKnown(ok('flatten', tuple([val(['a']), unknown(tString)])))).toBe(true);
    expect(isKnown(ok('flatten', tuple([val(['a']), unknown(tList(tString))])))).toBe(false);
  });
  it('zipmap keeps unknown values inside a known map', () => {
    const r = ok('zipmap', val(['a', 'b']), tuple([unknown(tString), str('x')]));
    expect(isKnown(r)).toBe(true);
    expect(isKnown(ok('zipmap', tuple([unknown(tString)]), val(['x'])))).toBe(false);
  });
});
