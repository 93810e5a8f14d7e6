// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${} is interpolation
import { describe, expect, it } from 'vitest';
import { convert, markSensitive, str, tMap, tNumber, tObject, tString } from '../../../../../engine/lang/index.js';
import { evalText } from '../eval-helpers.js';
import { val } from '../values-helpers.js';

// Messages built while converting, indexing or iterating never quote a sensitive value, its keys or
// its attribute names; the same messages about plain values are unchanged.

const SECRET = 'S3CRETVALUE';

describe('conversion of a sensitive value', () => {
  it('does not quote an inexact integer', () => {
    const r = convert(markSensitive(str('9007199254740993')), tNumber);
    expect(r.diagnostics[0].detail).toBe(
      'cannot convert the given value to number (the value is hidden because it is sensitive)',
    );
    expect(convert(str('9007199254740993'), tNumber).diagnostics[0].detail).toContain('9007199254740993');
  });

  it('does not name the keys below it, but keeps the path down to it', () => {
    const inner = convert(markSensitive(val({ [SECRET]: 'x' })), tMap(tNumber));
    expect(inner.diagnostics[0].detail).toBe(
      'cannot convert the given value to map of number (the value is hidden because it is sensitive)',
    );
    const outer = convert(val({ a: 'x' }), tMap(tNumber));
    expect(outer.diagnostics[0].detail).toBe('a: a number is required');
    const nested = convert(val({ tags: 1 }), tObject({ tags: tMap(tString) }));
    expect(nested.diagnostics[0].detail).toBe('tags: map of string required, but have number');
  });

  it('keeps a message that speaks only of types', () => {
    const r = convert(markSensitive(str(SECRET)), tNumber);
    expect(r.diagnostics[0].detail).toBe('a number is required');
  });
});

describe('indexes and iteration over sensitive values', () => {
  const roots = { s: markSensitive(val({ [SECRET]: 1 })), k: markSensitive(str(SECRET)), p: val({ S3CRETVALUF: 1 }) };

  it('suggests no attribute name of a sensitive object, nor one close to a sensitive key', () => {
    for (const text of ['s.S3CRETVALUX', 's["S3CRETVALUX"]', 'p[k]']) {
      const r = evalText(text, roots);
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0].detail).not.toContain('Did you mean');
    }
    expect(evalText('p["S3CRETVALUX"]', roots).diagnostics[0].detail).toContain('Did you mean "S3CRETVALUF"?');
  });

  it('marks the elements of a sensitive collection in for expressions, template for directives and splats', () => {
    const list = { l: markSensitive(val([SECRET])), o: markSensitive(val([{ [SECRET]: 1 }])) };
    const hidden =
      'Invalid value for "v" parameter of tonumber: the details are hidden because the value is sensitive.';
    for (const text of ['[for v in l : tonumber(v)]', '"%{for v in l}${tonumber(v)}%{endfor}"']) {
      expect(evalText(text, list).diagnostics.map((d) => d.detail)).toEqual([hidden]);
    }
    const splat = evalText('o[*].S3CRETVALUX', list).diagnostics;
    expect(splat.map((d) => d.detail)).toEqual(['This object does not have an attribute named "S3CRETVALUX".']);
    expect(evalText('[for v in l : v]', list).value.sensitive).toBe(true);
  });
});
