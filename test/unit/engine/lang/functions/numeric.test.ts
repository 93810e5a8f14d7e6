import { describe, expect, it } from 'vitest';
import {
  bool,
  isKnown,
  markSensitive,
  num,
  str,
  tBool,
  tNumber,
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

describe('numeric functions', () => {
  it('computes abs, ceil, floor and signum', () => {
    expect(plain(ok('abs', num(-3.5)))).toBe(3.5);
    expect(plain(ok('ceil', num(1.2)))).toBe(2);
    expect(plain(ok('floor', num(-1.2)))).toBe(-2);
    expect(plain(ok('signum', num(-7)))).toBe(-1);
  });
  it('converts numeric strings for number parameters', () => {
    expect(plain(ok('abs', str('-4')))).toBe(4);
    expectArgError(call('abs', [str('four')]), 0, 'a number is required');
  });
  it('finds min and max, expanding a list with ...', () => {
    expect(plain(ok('min', num(3), num(1), num(2)))).toBe(1);
    expect(plain(call('max', [val([3, 9, 2])], { expandFinal: true }).value)).toBe(9);
    expectError(call('max', []), 'Error in function call', 'at least one number');
  });
  it('sums a list and refuses an empty one', () => {
    expect(plain(ok('sum', val([1, 2, 3.5])))).toBe(6.5);
    expectArgError(call('sum', [val([])]), 0, 'empty list');
  });
  it('parses integers in other bases', () => {
    expect(plain(ok('parseint', str('ff'), num(16)))).toBe(255);
    expect(plain(ok('parseint', str('-101'), num(2)))).toBe(-5);
    expectArgError(call('parseint', [str('12'), num(99)]), 1, 'between 2 and 62');
    expectArgError(call('parseint', [str('g'), num(16)]), 0, 'cannot parse');
  });
  it('propagates unknown and sensitive arguments', () => {
    expect(isKnown(ok('abs', unknown(tNumber)))).toBe(false);
    expect(ok('abs', markSensitive(num(-1))).sensitive).toBe(true);
  });
});

describe('alltrue and anytrue', () => {
  it('reduces lists of bools, with bool strings converted', () => {
    expect(plain(ok('alltrue', val([true, 'true'])))).toBe(true);
    expect(plain(ok('alltrue', val([true, false])))).toBe(false);
    expect(plain(ok('anytrue', val([false, true])))).toBe(true);
    expect(plain(ok('anytrue', val([])))).toBe(false);
    expect(plain(ok('alltrue', val([])))).toBe(true);
  });
  it('is decided by a known element even when another is unknown', () => {
    expect(plain(ok('alltrue', tuple([unknown(tBool), bool(false)])))).toBe(false);
    expect(plain(ok('anytrue', tuple([unknown(tBool), bool(true)])))).toBe(true);
    expect(isKnown(ok('alltrue', tuple([unknown(tBool), bool(true)])))).toBe(false);
  });
  it('refuses non-bool elements', () => {
    expectArgError(call('alltrue', [val([1])]), 0, 'bool');
  });
});
