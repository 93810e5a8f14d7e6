import { describe, expect, it } from 'vitest';
import { isKnown, markSensitive, str, tString, tuple, unknown } from '../../../../../engine/lang/index.js';
import { evalOk, evalText } from '../eval-helpers.js';
import { plain } from '../values-helpers.js';

describe('chunklist', () => {
  it('splits a list into fixed-size chunks', () => {
    expect(plain(evalOk('chunklist(["a", "b", "c"], 2)'))).toEqual([['a', 'b'], ['c']]);
    expect(plain(evalOk('chunklist(["a"], 0)'))).toEqual([['a']]);
  });
  it('refuses a negative or fractional size', () => {
    expect(evalText('chunklist(["a"], -1)').diagnostics[0].detail).toContain('"size" parameter');
  });
  it('propagates unknown and sensitive lists', () => {
    expect(isKnown(evalOk('chunklist(u, 1)', { u: unknown() }))).toBe(false);
    expect(evalOk('chunklist(s, 1)', { s: markSensitive(tuple([str('a')])) }).sensitive).toBe(true);
  });
});

describe('setproduct', () => {
  it('forms every combination', () => {
    expect(plain(evalOk('setproduct(["a", "b"], [1, 2])'))).toEqual([
      ['a', 1],
      ['a', 2],
      ['b', 1],
      ['b', 2],
    ]);
  });
  it('refuses a product too large to build, before building any of it', () => {
    const r = evalText('setproduct(range(1000), range(1000), range(2))');
    expect(r.diagnostics[0].detail).toContain(
      'the product would hold 2,000,000 elements; at most 1,000,000 are allowed',
    );
    expect(evalText('setproduct(range(1000), range(1000))').diagnostics).toEqual([]);
  });
  it('needs two collections', () => {
    expect(evalText('setproduct(["a"])').diagnostics[0].detail).toContain('at least two');
    expect(evalText('setproduct(["a"], 1)').diagnostics[0].detail).toContain('"sets" parameter');
  });
});

describe('transpose', () => {
  it('swaps keys and values', () => {
    expect(plain(evalOk('transpose({a = ["1", "2"], b = ["2"]})'))).toEqual({ 1: ['a'], 2: ['a', 'b'] });
  });
  it('refuses values that are not lists of strings', () => {
    expect(evalText('transpose({a = "x"})').diagnostics[0].detail).toContain('"values" parameter');
  });
  it('is unknown for an unknown map', () => {
    expect(isKnown(evalOk('transpose(u)', { u: unknown() }))).toBe(false);
  });
});

describe('matchkeys', () => {
  it('keeps values whose key is in the search set', () => {
    expect(plain(evalOk('matchkeys(["i1", "i2", "i3"], ["a", "b", "a"], ["a"])'))).toEqual(['i1', 'i3']);
  });
  it('refuses lists of different lengths', () => {
    expect(evalText('matchkeys(["i1"], ["a", "b"], ["a"])').diagnostics[0].detail).toContain('should be equal');
  });
  it('is sensitive when the values are', () => {
    expect(evalOk('matchkeys(v, ["a"], ["a"])', { v: markSensitive(tuple([str('x')])) }).sensitive).toBe(true);
    expect(isKnown(evalOk('matchkeys(["x"], ["a"], [u])', { u: unknown(tString) }))).toBe(false);
  });
});
