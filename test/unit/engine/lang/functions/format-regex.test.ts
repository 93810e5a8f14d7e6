import { describe, expect, it } from 'vitest';
import { isKnown, markSensitive, str, tString, unknown } from '../../../../../engine/lang/index.js';
import { evalOk, evalText } from '../eval-helpers.js';
import { plain } from '../values-helpers.js';

describe('format', () => {
  it('supports the common verbs', () => {
    expect(plain(evalOk('format("%s-%d-%.2f-%t-%%", "a", 42, 3.14159, true)'))).toBe('a-42-3.14-true-%');
    expect(plain(evalOk('format("%q", "x\\"y")'))).toBe('"x\\"y"');
    expect(plain(evalOk('format("%5d|%-5s|%05d", 42, "ab", -7)'))).toBe('   42|ab   |-0007');
    expect(plain(evalOk('format("%v %v", [1, "a"], {k = true})'))).toBe('[1,"a"] {"k":true}');
    expect(plain(evalOk('format("%x %X %o %b", 255, 255, 8, 5)'))).toBe('ff FF 10 101');
    expect(plain(evalOk('format("%[2]s %[1]s", "a", "b")'))).toBe('b a');
    expect(plain(evalOk('format("%e", 1234.5)'))).toBe('1.234500e+03');
  });
  it('reports a missing argument, an extra one, and a bad value', () => {
    expect(evalText('format("%s %s", "a")').diagnostics[0].detail).toContain('not enough arguments');
    expect(evalText('format("%s", "a", "b")').diagnostics[0].detail).toContain('too many arguments');
    const d = evalText('format("%d", "x")').diagnostics[0];
    expect(d.detail).toContain('a number is required');
    expect(d.range?.start.column).toBe(14);
    expect(evalText('format("%d", 1.5)').diagnostics[0].detail).toContain('integer is required');
  });
  it('is unknown for an unknown argument and sensitive for a sensitive one', () => {
    expect(isKnown(evalOk('format("%s", u)', { u: unknown(tString) }))).toBe(false);
    expect(evalOk('format("%s", p)', { p: markSensitive(str('x')) }).sensitive).toBe(true);
  });
});

describe('formatlist', () => {
  it('formats element-wise, repeating scalar arguments', () => {
    expect(plain(evalOk('formatlist("%s=%s", ["a", "b"], "v")'))).toEqual(['a=v', 'b=v']);
    expect(plain(evalOk('formatlist("%s-%d", ["a", "b"], [1, 2])'))).toEqual(['a-1', 'b-2']);
  });
  it('refuses lists of different lengths', () => {
    expect(evalText('formatlist("%s%s", ["a"], ["b", "c"])').diagnostics[0].detail).toContain('inconsistent');
  });
});

describe('regex and regexall', () => {
  it('returns a string, a list or a map depending on the groups', () => {
    expect(plain(evalOk('regex("[a-z]+", "123abc456")'))).toBe('abc');
    expect(plain(evalOk('regex("(\\\\d+)-(\\\\d+)", "x 10-20")'))).toEqual(['10', '20']);
    expect(plain(evalOk('regex("(?P<y>\\\\d{4})-(?P<m>\\\\d{2})", "2024-05")'))).toEqual({ m: '05', y: '2024' });
  });
  it('translates RE2 flags, anchors and POSIX classes', () => {
    expect(plain(evalOk('regex("(?i)ABC", "xabc")'))).toBe('abc');
    expect(plain(evalOk('regex("[[:digit:]]+\\\\z", "ab12")'))).toBe('12');
    expect(plain(evalOk('regex("\\\\A\\\\pL+", "héllo1")'))).toBe('héllo');
  });
  it('finds every match', () => {
    expect(plain(evalOk('regexall("\\\\d", "a1b2")'))).toEqual(['1', '2']);
    expect(plain(evalOk('length(regexall("z", "abc"))'))).toBe(0);
  });
  it('reports no match and invalid patterns', () => {
    expect(evalText('regex("z", "abc")').diagnostics[0].detail).toContain('did not match');
    const d = evalText('regex("(", "abc")').diagnostics[0];
    expect(d.detail).toContain('"pattern" parameter of regex: invalid regular expression');
  });
});
