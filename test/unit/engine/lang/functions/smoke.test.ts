import { describe, expect, it } from 'vitest';
import { str } from '../../../../../engine/lang/index.js';
import { call } from '../ast-helpers.js';
import { plain, val } from '../values-helpers.js';

describe('function calls without a parser', () => {
  it('calls upper on a string', () => {
    const r = call('upper', [str('abc')]);
    expect(r.diagnostics).toEqual([]);
    expect(plain(r.value)).toBe('ABC');
  });
  it('joins a tuple of strings after converting it to a list', () => {
    const r = call('join', [str('-'), val(['a', 'b', 1])]);
    expect(r.diagnostics).toEqual([]);
    expect(plain(r.value)).toBe('a-b-1');
  });
});
